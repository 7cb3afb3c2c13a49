"""The audit trail, for administrators."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core import roles
from core.roles import view_requires

from .forms import AuditFilterForm
from .selectors import audit_event_page

MAX_PAGE = 100_000  # 5 million events back; beyond that, filter by date instead


@view_requires(roles.VIEW_AUDIT)  # granted to Administrator (admissions 0010)
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    try:
        page = min(max(int(request.GET.get("page") or 1), 1), MAX_PAGE)
    except ValueError:
        page = 1
    result = audit_event_page(filters=form.filters(), page=page)
    return render(request, "audit/event_list.html", {"form": form, "result": result})
