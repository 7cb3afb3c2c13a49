"""One message the clinic sent (or owes): its text as it went out, channel, recipient,
status and times — for staff who may see the referral it belongs to. Every view of one is
audited, as a view of the referral is."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from audit.services import audit_record_views
from core import roles
from core.roles import has_permission

from ..models import FollowUp
from .access import referral_or_404
from .queue import queue_back_url


def _followup_for(request: HttpRequest, pk: int) -> FollowUp:
    """The message, if this user may see what it belongs to (else a 404, so ids can't be
    probed): its referral for anyone who sees referrals; a draft's for the outbox staff."""
    if not has_permission(request.user, roles.VIEW_REFERRAL):
        raise Http404("No such message")
    followup = get_object_or_404(
        FollowUp.objects.select_related("referral", "recipient_user", "assessment"), pk=pk
    )
    if followup.referral_id:
        referral_or_404(request, followup.referral_id)
    elif not has_permission(request.user, roles.VIEW_FOLLOWUP):
        raise Http404("No such message")
    return followup


@login_required
@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    followup = _followup_for(request, pk)
    objects = [("followup", followup.pk)]
    if followup.referral_id:
        objects.append(("referral", followup.referral_id))
    audit_record_views(request=request, objects=objects, detail=f"message {followup.pk}")
    return render(
        request,
        "admissions/message_detail.html",
        {"followup": followup, "back_url": queue_back_url(request)},
    )
