"""The referral queue, the signed-in person's day, bulk assignment, and the small JSON the
staff pages poll for new referrals."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from audit.models import AuditEvent
from audit.services import audit_record, client_ip
from core import roles
from core.roles import has_permission, require_permission

from ..forms import QueueFilterForm
from ..models import Referral
from ..selectors.my_day import my_day
from ..selectors.queue import referral_queue
from ..selectors.staff import assignable_choices, staff_label
from ..selectors.updates import SEEN_KEY, queue_updates, queue_version_stamp
from ..services.referrals import referrals_assign_bulk
from ..work_forms import BulkAssignForm

QUERY_KEY = "queue_query"  # the queue's filters, for "Back to the queue"


def queue_back_url(request: HttpRequest) -> str:
    """The queue as the signed-in person last filtered it (kept in the session, not the
    URL, so a search for a name never travels in a link)."""
    query = request.session.get(QUERY_KEY, "")
    return reverse("admissions:queue") + (f"?{query}" if query else "")


def _remember(request: HttpRequest, result) -> tuple[int, str]:
    """Keep the filters for "Back to the queue" and mark every referral as seen. Returns
    the last referral id seen before this view (rows after it are marked new) and the
    queue's version, which the page polls against to refresh itself. The session is
    written only when one of them changed."""
    params = request.GET.copy()
    params.pop("partial", None)
    _keep(request.session, QUERY_KEY, params.urlencode())
    seen = int(request.session.get(SEEN_KEY, result.latest_id))
    _keep(request.session, SEEN_KEY, max(result.latest_id, seen))
    return seen, queue_version_stamp(result.latest_id, result.changed_at)


def _keep(session, key: str, value) -> None:
    """Set a session value only if it differs, so an unchanged session is not saved."""
    if session.get(key) != value:
        session[key] = value


def _page_context(request: HttpRequest, form: QueueFilterForm, result) -> dict:
    return {
        "form": form,
        "queue": result,
        "filters": form.filters(),
        "statuses": _status_chips(result.counts),
        "page_range": list(
            result.page.paginator.get_elided_page_range(
                result.page.number, on_each_side=2, on_ends=1
            )
        ),
        "can_export": has_permission(request.user, roles.EXPORT_REFERRALS),
        "can_assign": has_permission(request.user, roles.WORK_REFERRAL),
        "assignable": assignable_choices()
        if has_permission(request.user, roles.WORK_REFERRAL)
        else [],
        "poll_seconds": settings.QUEUE_POLL_SECONDS,
    }


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, roles.VIEW_REFERRAL)
    form = QueueFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    filters = form.filters()
    result = referral_queue(
        filters=filters,
        user=request.user,
        page_number=request.GET.get("page") or 1,
        per_page=form.page_size(),
    )
    audit_record(
        action=AuditEvent.Action.VIEW,
        request=request,
        object_type="referral_queue",
        fields=filters.active_names(),
        detail=f"page {result.page.number}, {len(result.rows)} rows",
    )
    seen_before, version = _remember(request, result)
    context = {**_page_context(request, form, result), "seen_before": seen_before}
    context["version"] = version
    partial = request.GET.get("partial") == "rows"
    template = "admissions/queue/_live.html" if partial else "admissions/queue.html"
    return render(request, template, context)


def _status_chips(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    chips = [("open", "Open", counts["open"])]
    chips += [(value, label, counts[value]) for value, label in Referral.Status.choices]
    chips.append(("all", "All", counts["all"]))
    return chips


@login_required
@require_GET
def my_day_view(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, roles.VIEW_REFERRAL)
    day = my_day(user=request.user)
    audit_record(
        action=AuditEvent.Action.VIEW,
        request=request,
        object_type="referral_queue",
        fields=["my_day"],
        detail=f"my day, {len(day.rows)} rows",
    )
    return render(request, "admissions/my_day.html", {"day": day})


@login_required
@require_POST
def bulk_assign(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, roles.WORK_REFERRAL)
    form = BulkAssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(queue_back_url(request))
    assignee = form.cleaned_data["assignee"]
    try:
        changed = referrals_assign_bulk(
            referral_ids=form.cleaned_data["referrals"],
            assignee=assignee,
            actor=request.user,
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(queue_back_url(request))
    who = staff_label(assignee) if assignee else "nobody"
    messages.success(request, f"{changed} referral{'s' if changed != 1 else ''} assigned to {who}.")
    return redirect(queue_back_url(request))


@login_required
@require_GET
def queue_updates_view(request: HttpRequest) -> JsonResponse:
    """Counts for the badge and the self-refreshing queue. Polled in the background, so it
    does not count as activity for the idle timeout (see admissions.middleware)."""
    require_permission(request.user, roles.VIEW_REFERRAL)
    first_poll = SEEN_KEY not in request.session
    data = queue_updates(since_id=int(request.session.get(SEEN_KEY, 0)))
    if first_poll:  # news is what arrives from now on
        request.session[SEEN_KEY] = data["latest_id"]
        data["new"] = data["new_crisis"] = 0
    data["poll_seconds"] = settings.QUEUE_POLL_SECONDS
    response = JsonResponse(data)
    response["Cache-Control"] = "no-store"
    return response
