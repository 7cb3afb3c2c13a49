"""The outbox: follow-ups that failed or are late, across referrals, and the retry of a
failed one. Lists ids, kinds and states, never names or addresses."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from audit.services import audit_record_views, client_ip
from core import roles
from core.roles import has_permission, require_permission

from ..models import FollowUp
from ..selectors.followups import outbox_page
from ..services.followup_dispatch import followup_retry


@login_required
@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, roles.VIEW_FOLLOWUP)
    context = outbox_page()
    referral_ids = {f.referral_id for f in context["failed"] + context["overdue"] if f.referral_id}
    audit_record_views(
        request=request,
        objects=[("outbox", "")] + [("referral", pk) for pk in sorted(referral_ids)],
        detail="outbox",
    )
    return render(request, "admissions/outbox.html", context)


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target.startswith("/staff/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admissions:outbox")


@login_required
@require_POST
def followup_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not has_permission(request.user, roles.VIEW_REFERRAL):
        raise Http404("No such message")
    followup = get_object_or_404(FollowUp, pk=pk)
    require_permission(request.user, roles.WORK_REFERRAL)
    try:
        followup_retry(followup=followup, actor=request.user, ip_address=client_ip(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{followup.get_kind_display()} queued to send again (message {pk})."
        )
    return redirect(_back(request))
