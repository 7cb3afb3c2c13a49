"""The SMS provider's webhook, outside /staff/ (no sign-in; the signature is the check)."""

from django.urls import path

from .views import sms_webhook

app_name = "sms"

urlpatterns = [path("inbound/", sms_webhook.sms_inbound, name="inbound")]
