"""Rule-set versions in the staff workspace: administrators see which registered version is
active, how many recommendations each made and who published what, and publish a version
after a confirmation step. ``screening.services.rule_set_publish`` does the write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from audit.services import client_ip
from core import roles
from core.roles import view_requires

from .forms import RuleSetPublishForm
from .selectors import RuleSetOverview, rule_set_overview
from .services import rule_set_publish

rule_set_admin = view_requires(roles.PUBLISH_RULE_SET)
"""Signed in (else to the login page) and allowed to publish rule sets (else 403)."""


def _page(
    request: HttpRequest,
    form: RuleSetPublishForm | None,
    overview: RuleSetOverview | None = None,
) -> HttpResponse:
    overview = overview or rule_set_overview()
    form = form or RuleSetPublishForm(active_version=overview.active_version)
    return render(request, "screening/staff/rule_sets.html", {"overview": overview, "form": form})


@rule_set_admin
@require_GET
def rule_set_list(request: HttpRequest) -> HttpResponse:
    return _page(request, None)


@rule_set_admin
@require_POST
def rule_set_publish_view(request: HttpRequest) -> HttpResponse:
    """The form posts here: check it and ask for confirmation. The confirmation page posts
    back with ``confirm=publish`` (publish) or ``confirm=edit`` (back to the filled-in form)."""
    overview = rule_set_overview()
    form = RuleSetPublishForm(request.POST, active_version=overview.active_version)
    if not form.is_valid():
        return _page(request, form, overview)
    version = form.cleaned_data["version"]
    confirm = request.POST.get("confirm")
    if confirm == "edit":
        return _page(request, form, overview)
    if confirm != "publish":
        return render(
            request,
            "screening/staff/rule_set_confirm.html",
            {"overview": overview, "form": form, "version": version},
        )
    try:
        rule_set_publish(
            version=version,
            actor=request.user,
            note=form.cleaned_data["note"],
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form)
    messages.success(
        request, f"{version} is now the active rule set. New screenings are scored with it."
    )
    return redirect("rule_sets:list")
