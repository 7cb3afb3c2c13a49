"""The referral queue and its CSV export."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from core.roles import has_permission, require_permission

from ..forms import QueueFilterForm
from ..selectors.queue import EXPORT_COLUMNS, queue_export_rows, referral_queue

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    return render(
        request,
        "admissions/queue.html",
        {
            "form": form,
            "queue": result,
            "filters": filters,
            "statuses": _status_chips(result.counts),
            "page_range": list(
                result.page.paginator.get_elided_page_range(
                    result.page.number, on_each_side=2, on_ends=1
                )
            ),
            "can_export": has_permission(request.user, roles.EXPORT_REFERRALS),
        },
    )


def _status_chips(counts: dict[str, int]) -> list[tuple[str, str, int]]:
    from ..models import Referral

    chips = [("open", "Open", counts["open"])]
    chips += [(value, label, counts[value]) for value, label in Referral.Status.choices]
    chips.append(("all", "All", counts["all"]))
    return chips


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.strip() if value.startswith(" ") else value
        if value.startswith(FORMULA_STARTS):
            return "'" + value  # never let a spreadsheet run a cell as a formula
    return value


@login_required
@require_GET
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    require_permission(request.user, roles.EXPORT_REFERRALS)
    form = QueueFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    filters = form.filters()
    audit_record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        object_type="referral_queue",
        fields=filters.active_names(),
        detail="csv",
    )
    writer = csv.writer(_Echo())
    rows = queue_export_rows(filters=filters, user=request.user)

    def stream():
        yield writer.writerow([header for _, header in EXPORT_COLUMNS])
        for row in rows:
            yield writer.writerow([_cell(value) for value in row])

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="referrals-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
