"""The intake metrics dashboard at ``/staff/dashboard/`` (administrators and the Admissions
lead), and each of its tables as CSV. A bad date range is refused with a message and no
figures; an empty range shows each section's "no data" state."""

import csv
import io

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from core.roles import view_requires

from ..charts import bar_chart, format_value
from ..dashboard_forms import DashboardRangeForm
from ..selectors.dashboard import TABLE_KEYS, dashboard_tables
from ..selectors.dashboard.tables import TEXT


def _sections(tables) -> list[dict]:
    return [
        {
            "table": table,
            "svg": bar_chart(table.chart, chart_id=f"chart-{table.key}")
            if table.chart and not table.empty
            else "",
            "rows": [
                [
                    format_value(cell, column.kind)
                    for cell, column in zip(row, table.columns, strict=True)
                ]
                for row in table.rows
            ],
        }
        for table in tables
    ]


@view_requires(roles.VIEW_DASHBOARD)
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    form = DashboardRangeForm(request.GET)  # a missing date: the last 30 days
    if not form.is_valid():
        return render(
            request,
            "admissions/dashboard.html",
            {"form": form, "zone_name": settings.TIME_ZONE},
            status=400,
        )
    period = form.period()
    tables = dashboard_tables(period, now=timezone.now())
    return render(
        request,
        "admissions/dashboard.html",
        {
            "form": form,
            "zone_name": settings.TIME_ZONE,
            "period": period,
            "sections": _sections(tables),
            "query": f"start={period.start.isoformat()}&end={period.end.isoformat()}",
        },
    )


def _csv_cell(value, kind: str) -> object:
    if value is None:
        return ""
    if kind == TEXT or isinstance(value, int):
        return value
    return f"{value:.1f}"


@view_requires(roles.VIEW_DASHBOARD)
@require_GET
def dashboard_csv(request: HttpRequest, table: str) -> HttpResponse:
    if table not in TABLE_KEYS:
        raise Http404("No such table")
    form = DashboardRangeForm(request.GET)
    if not form.is_valid():
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(
            f"Bad date range: {errors}", status=400, content_type="text/plain; charset=utf-8"
        )
    period = form.period()
    found = next(t for t in dashboard_tables(period, now=timezone.now()) if t.key == table)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.header for column in found.columns])
    for row in found.rows:
        writer.writerow(
            [_csv_cell(cell, column.kind) for cell, column in zip(row, found.columns, strict=True)]
        )
    audit_record(
        action=AuditEvent.Action.EXPORT,
        request=request,
        object_type="dashboard",
        object_id=table,
        detail=f"{period.start.isoformat()} to {period.end.isoformat()}",
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="dashboard-{table}-{period.start.isoformat()}-'
        f'{period.end.isoformat()}.csv"'
    )
    return response
