"""The audit trail, for administrators."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .forms import AuditFilterForm
from .selectors import audit_event_page

VIEW_AUDIT = "admissions.view_audit"
MAX_PAGE = 100_000  # 5 million events back; beyond that, filter by date instead


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(VIEW_AUDIT):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    try:
        page = min(max(int(request.GET.get("page") or 1), 1), MAX_PAGE)
    except ValueError:
        page = 1
    result = audit_event_page(filters=form.filters(), page=page)
    return render(request, "audit/event_list.html", {"form": form, "result": result})
