"""The first-contact deadline policy: hours per urgency, set by administrators. New
referrals use it; deadlines already set stand. Changes are audited."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from audit.models import AuditEvent
from audit.services import audit_record, client_ip
from core import roles
from core.roles import require_permission

from ..selectors.deadlines import deadline_hours
from ..services.deadline_policy import deadline_policy_set
from ..work_forms import DeadlinePolicyForm


def _saved(changed: list[str]) -> str:
    if not changed:
        return "Nothing had changed."
    return "Deadlines saved. New referrals use them; deadlines already set stand."


@login_required
@require_http_methods(["GET", "POST"])
def deadline_policy(request: HttpRequest) -> HttpResponse:
    require_permission(request.user, roles.CHANGE_DEADLINE_POLICY)
    current = deadline_hours()
    form = DeadlinePolicyForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            changed = deadline_policy_set(
                hours=form.hours(), actor=request.user, ip_address=client_ip(request)
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _saved(changed))
            return redirect("admissions:deadline_policy")
    if request.method == "GET":
        audit_record(action=AuditEvent.Action.VIEW, request=request, object_type="deadline_policy")
    status = 400 if form.errors else 200
    return render(
        request,
        "admissions/deadline_policy.html",
        {"form": form, "current": current},
        status=status,
    )
