"""The administrators' form for a partner link."""

from django import forms

from .models import ReferralPartner


class PartnerForm(forms.ModelForm):
    class Meta:
        model = ReferralPartner
        fields = [
            "code",
            "organisation",
            "contact_name",
            "contact_email",
            "contact_phone",
            "active",
        ]
        labels = {"code": "Link code", "contact_name": "Contact person"}
        help_texts = {
            "code": "Lower-case letters, digits and hyphens, e.g. st-marys-ed. The link is "
            "/screen/?ref=<code>.",
            "active": "An inactive code is ignored by the screener.",
        }

    def clean_code(self) -> str:
        code = (self.cleaned_data.get("code") or "").strip().lower()
        if not code or not code[0].isalnum() or not all(c.isalnum() or c == "-" for c in code):
            raise forms.ValidationError("Use lower-case letters, digits and hyphens only.")
        if not code.isascii():
            raise forms.ValidationError("Use plain letters a to z, digits and hyphens.")
        return code

    def values(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
