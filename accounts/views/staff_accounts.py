"""/staff/accounts/: administrators list staff, invite, give and take away roles,
deactivate and reactivate, reset a second factor, end sessions, send a set-password link.
Every action is a POST that a service checks again; a refused one says why and changes
nothing."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import roles
from core.roles import view_requires

from .. import selectors
from ..forms import ActionForm, InviteForm, RolesForm
from ..services.mfa import staff_mfa_reset
from ..services.refusals import AccountRefused
from ..services.set_password_links import staff_invite, staff_link_send
from ..services.staff_roles import staff_roles_set
from ..services.staff_sessions import open_session_count, staff_sessions_end
from ..services.staff_status import staff_deactivate, staff_reactivate


def _form_errors(form) -> str:
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


@view_requires(roles.MANAGE_STAFF)
@require_GET
def account_list(request: HttpRequest) -> HttpResponse:
    accounts = list(selectors.staff_accounts())
    rows = [(account, selectors.portal_group_names(account)) for account in accounts]
    return render(request, "accounts/account_list.html", {"rows": rows})


@view_requires(roles.MANAGE_STAFF)
@require_http_methods(["GET", "POST"])
def account_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user, sent = staff_invite(
                actor=request.user,
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                role_names=form.cleaned_data["roles"],
                request=request,
            )
        except AccountRefused as refused:
            form.add_error(None, refused.message)
        else:
            if sent:
                messages.success(request, "Invitation sent. The link works once, for 72 hours.")
            else:
                messages.error(
                    request,
                    "The account was made but the email could not be sent. Use "
                    "“Send a set-password link” below once mail is working.",
                )
            return redirect("accounts:detail", pk=user.pk)
    return render(request, "accounts/account_invite.html", {"form": form})


@view_requires(roles.MANAGE_STAFF)
@require_GET
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.staff_account(pk)
    portal_groups = selectors.portal_group_names(account)
    can_change = request.user.is_superuser or not account.is_superuser
    return render(
        request,
        "accounts/account_detail.html",
        {
            "account": account,
            "portal_groups": portal_groups,
            "other_groups": selectors.other_group_names(account),
            "roles_form": RolesForm(initial={"roles": portal_groups}),
            "can_change": can_change,
            "is_self": account.pk == request.user.pk,
            "sessions_open": open_session_count(account.pk),
            "recovery_codes_left": selectors.recovery_codes_left(account),
            "events": selectors.account_events(account.pk),
        },
    )


def _run(request: HttpRequest, pk: int, form_class, action, success: str):
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect("accounts:detail", pk=pk)
    try:
        result = action(form)
    except AccountRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, success.format(result=result))
    return redirect("accounts:detail", pk=pk)


@view_requires(roles.MANAGE_STAFF)
@require_POST
def account_roles(request: HttpRequest, pk: int) -> HttpResponse:
    def action(form):
        changed = staff_roles_set(
            actor=request.user, user_id=pk, role_names=form.cleaned_data["roles"], request=request
        )
        parts = []
        if changed["granted"]:
            parts.append("added " + ", ".join(changed["granted"]))
        if changed["removed"]:
            parts.append("removed " + ", ".join(changed["removed"]))
        return "; ".join(parts)

    return _run(request, pk, RolesForm, action, "Roles saved: {result}.")


@view_requires(roles.MANAGE_STAFF)
@require_POST
def account_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(
        request,
        pk,
        ActionForm,
        lambda form: staff_deactivate(actor=request.user, user_id=pk, request=request),
        "Account deactivated. They are signed out everywhere and cannot sign in.",
    )


@view_requires(roles.MANAGE_STAFF)
@require_POST
def account_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(
        request,
        pk,
        ActionForm,
        lambda form: staff_reactivate(actor=request.user, user_id=pk, request=request),
        "Account reactivated.",
    )


@view_requires(roles.MANAGE_STAFF)
@require_POST
def account_mfa_reset(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(
        request,
        pk,
        ActionForm,
        lambda form: staff_mfa_reset(actor=request.user, user_id=pk, request=request),
        "Second factor reset. They set up an authenticator again at their next sign-in.",
    )


@view_requires(roles.MANAGE_STAFF)
@require_POST
def account_sessions_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _run(
        request,
        pk,
        ActionForm,
        lambda form: staff_sessions_end(actor=request.user, user_id=pk, request=request),
        "Signed out everywhere ({result} session(s) ended).",
    )


@view_requires(roles.MANAGE_STAFF)
@require_POST
def account_link_send(request: HttpRequest, pk: int) -> HttpResponse:
    def action(form):
        if not staff_link_send(actor=request.user, user_id=pk, request=request):
            raise AccountRefused("The email could not be sent; the link was cancelled. Try again.")

    return _run(
        request, pk, ActionForm, action, "Set-password link sent. Earlier links no longer work."
    )
