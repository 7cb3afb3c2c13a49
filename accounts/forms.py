"""Account forms. Each takes exactly its own fields: a posted field it does not know (a
tampered form sending ``is_superuser``, ``user_permissions``, another user's id, ...) makes
the whole form invalid, so nothing is written."""

from django import forms

from core import roles

ALWAYS_ALLOWED = frozenset({"csrfmiddlewaretoken", "next"})  # next: where to go after
TAMPERED = "This form was sent with fields it does not accept. Nothing was changed."


class StrictForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        unexpected = set(self.data) - set(self.fields) - ALWAYS_ALLOWED
        if unexpected:
            raise forms.ValidationError(TAMPERED, code="unexpected_fields")
        return cleaned


def _role_field(required: bool) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        choices=[(name, name) for name in roles.PORTAL_GROUPS],
        widget=forms.CheckboxSelectMultiple,
        required=required,
        label="Roles and lists",
        error_messages={
            "invalid_choice": "Choose only from the portal's roles and lists.",
            "required": "Choose at least one role.",
        },
    )


class InviteForm(StrictForm):
    email = forms.EmailField(max_length=150, label="Work email")
    first_name = forms.CharField(max_length=150)
    last_name = forms.CharField(max_length=150)
    roles = _role_field(required=True)


class RolesForm(StrictForm):
    roles = _role_field(required=False)


class ActionForm(StrictForm):
    """The buttons on an account's page: nothing but the CSRF token."""


class CodeForm(StrictForm):
    code = forms.CharField(
        max_length=32,
        label="Code",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
