from django import forms

from .models import BaselineEntry


class BaselineEntryForm(forms.ModelForm):
    class Meta:
        model = BaselineEntry
        fields = ["name", "email", "message"]
