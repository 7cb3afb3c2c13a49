"""The queue's CSV export, for staff who may export: the page's filters, streamed, audited."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from core.roles import require_permission

from ..forms import QueueFilterForm
from ..selectors.export import export_headers, queue_export_rows

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
        yield writer.writerow(export_headers())
        for row in rows:
            yield writer.writerow([_cell(value) for value in row])

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="referrals-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
