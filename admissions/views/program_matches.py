"""The "Program matches" card of the referral page: the selector's matches and offers, and
whether this user may hold a place from it."""

from dataclasses import fields

from django.http import HttpRequest

from core import roles
from core.roles import has_permission

from ..selectors.program_matches import ProgramMatches, referral_program_matches

_FIELDS = tuple(field.name for field in fields(ProgramMatches))


def referral_matches_context(*, request: HttpRequest, referral) -> dict:
    matches = referral_program_matches(referral)
    return {
        **{name: getattr(matches, name) for name in _FIELDS},
        "can_offer": has_permission(request.user, roles.WORK_REFERRAL) and referral.is_open,
    }
