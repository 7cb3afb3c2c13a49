"""The queue's CSV export, for staff who may export: the page's filters, streamed, audited."""

import csv
import io

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


GUARDED_STARTS = frozenset((*FORMULA_STARTS, " "))
ROWS_PER_CHUNK = 200


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
    rows = queue_export_rows(filters=filters, user=request.user)

    def stream():
        # Rows go out ROWS_PER_CHUNK at a time: one socket write per row was, at a million
        # rows, a million system calls.
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(export_headers())
        for n, row in enumerate(rows, 1):
            writer.writerow(
                [_cell(v) if v.__class__ is str and v[:1] in GUARDED_STARTS else v for v in row]
            )
            if n % ROWS_PER_CHUNK == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="referrals-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
