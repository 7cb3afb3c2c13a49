"""Access checks shared by the staff views.

Seeing a referral needs ``view_referral``; without it every referral id is a 404, so ids
cannot be probed. Acting on a referral one can see but not change is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from audit.services import client_ip

from .. import roles
from ..models import Referral


def referral_or_404(request, pk: int, queryset: QuerySet | None = None) -> Referral:
    if not request.user.has_perm(roles.VIEW_REFERRAL):
        raise Http404("No such referral")
    return get_object_or_404(queryset if queryset is not None else Referral.objects, pk=pk)


def require_perm(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def ip(request) -> str | None:
    return client_ip(request)
