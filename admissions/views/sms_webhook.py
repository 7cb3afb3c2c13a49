"""The SMS provider's inbound webhook: STOP and HELP (and any other reply) from applicants.

Public, so it trusts nothing it is not signed for: an unsigned or wrongly signed request is
refused with 403 and changes nothing. The reply goes back as TwiML for the provider to send."""

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils.html import escape
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..messaging.signature import SIGNATURE_HEADER, is_valid
from ..services.consent import sms_inbound_handle

logger = logging.getLogger(__name__)


def _signed_url(request: HttpRequest) -> str:
    """The URL the provider signed: the configured one, else SITE_URL and this path (the
    request's own host can be an internal one behind a proxy)."""
    if settings.SMS_WEBHOOK_URL:
        return settings.SMS_WEBHOOK_URL
    return settings.SITE_URL.rstrip("/") + request.get_full_path()


def _twiml(text: str) -> HttpResponse:
    message = f"<Message>{escape(text)}</Message>" if text else ""
    body = f'<?xml version="1.0" encoding="UTF-8"?><Response>{message}</Response>'
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


@csrf_exempt
@require_POST
def sms_inbound(request: HttpRequest) -> HttpResponse:
    params = [(name, value) for name in request.POST for value in request.POST.getlist(name)]
    if not is_valid(
        secret=settings.SMS_WEBHOOK_SECRET,
        url=_signed_url(request),
        params=params,
        signature=request.META.get(SIGNATURE_HEADER, ""),
    ):
        logger.warning("inbound SMS refused: bad or missing signature")
        return HttpResponseForbidden("Signature required.")
    reply = sms_inbound_handle(
        from_number=request.POST.get("From", ""), body=request.POST.get("Body", "")
    )
    logger.info("inbound SMS: %s", reply.keyword)
    return _twiml(reply.text)
