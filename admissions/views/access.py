"""Access checks shared by the staff views.

Seeing a referral needs ``view_referral``; without it every referral id is a 404, so ids
cannot be probed. Acting on a referral one can see but not change is a 403.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from core import roles
from core.roles import has_permission

from ..models import Referral


def referral_or_404(request, pk: int, queryset: QuerySet | None = None) -> Referral:
    if not has_permission(request.user, roles.VIEW_REFERRAL):
        raise Http404("No such referral")
    return get_object_or_404(queryset if queryset is not None else Referral.objects, pk=pk)
