"""Possible same person: compare two referrals, merge them field by field, or say they are
two people (docs/same-person.md). Seeing either needs ``view_referral`` (else 404); merging
or dismissing needs ``merge_referral`` (else 403). Every render records who viewed both
referrals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import audit_record_views, client_ip
from core import roles
from core.roles import has_permission, require_permission

from ..selectors.same_person import MATCH_LABELS, field_rows, flag_for_referral, merge_version
from ..services.same_person_merge import (
    EARLIER,
    LATER,
    MergeRefused,
    referrals_merge,
    same_person_dismiss,
)
from .access import referral_or_404

CHOICE_PREFIX = "keep_"


def _flag_or_404(request: HttpRequest, pk: int, flag_pk: int):
    referral_or_404(request, pk)
    flag = flag_for_referral(referral_pk=pk, flag_pk=flag_pk)
    if flag is None:
        raise Http404("No such possible match")
    return flag


def _render(request, pk, flag, *, error: str = "", chosen=None, status: int = 200):
    earlier, later = flag.earlier, flag.later
    audit_record_views(request=request, objects=[("referral", earlier.pk), ("referral", later.pk)])
    rows = field_rows(earlier, later)
    context = {
        "flag": flag,
        "from_pk": pk,
        "earlier": earlier,
        "later": later,
        "matches": [MATCH_LABELS.get(m, m) for m in flag.matches],
        "rows": rows,
        "differing": [
            {"row": row, "chosen": (chosen or {}).get(row.group.key, "")}
            for row in rows
            if not row.same
        ],
        "version": merge_version(flag, earlier, later),
        "can_decide": flag.status == flag.Status.OPEN
        and earlier.is_open
        and later.is_open
        and has_permission(request.user, roles.MERGE_REFERRAL),
        "error": error,
        "EARLIER": EARLIER,
        "LATER": LATER,
    }
    return render(request, "admissions/same_person.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def same_person_view(request: HttpRequest, pk: int, flag_pk: int) -> HttpResponse:
    """GET: the two referrals side by side and the merge form. POST: merge."""
    flag = _flag_or_404(request, pk, flag_pk)
    if request.method != "POST":
        return _render(request, pk, flag)
    require_permission(request.user, roles.MERGE_REFERRAL)
    choices = {
        name.removeprefix(CHOICE_PREFIX): value
        for name, value in request.POST.items()
        if name.startswith(CHOICE_PREFIX)
    }
    try:
        result = referrals_merge(
            flag_pk=flag.pk,
            choices=choices,
            version=request.POST.get("version", ""),
            actor=request.user,
            ip_address=client_ip(request),
        )
    except MergeRefused as refused:
        flag = flag_for_referral(referral_pk=pk, flag_pk=flag_pk)
        return _render(
            request, pk, flag, error=" ".join(refused.messages), chosen=choices, status=400
        )
    messages.success(
        request,
        f"Merged referral {result.merged.pk} into referral {result.survivor.pk}. Every "
        "screening, note and message is here now.",
    )
    return redirect("admissions:referral_detail", pk=result.survivor.pk)


@login_required
@require_POST
def same_person_dismiss_view(request: HttpRequest, pk: int, flag_pk: int) -> HttpResponse:
    flag = _flag_or_404(request, pk, flag_pk)
    require_permission(request.user, roles.MERGE_REFERRAL)
    try:
        same_person_dismiss(
            flag_pk=flag.pk,
            version=request.POST.get("version", ""),
            actor=request.user,
            ip_address=client_ip(request),
        )
    except MergeRefused as refused:
        flag = flag_for_referral(referral_pk=pk, flag_pk=flag_pk)
        return _render(request, pk, flag, error=" ".join(refused.messages), status=400)
    messages.success(
        request,
        f"Recorded: referrals {flag.earlier_id} and {flag.later_id} are not the same person.",
    )
    return redirect("admissions:referral_detail", pk=pk)
