"""Why an account action was refused, in words an administrator can act on. Raised before
anything is written (or inside the transaction that would have written it), so a refused
action changes nothing."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from core import roles
from core.roles import require_permission


class AccountRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def require_manager(actor, subject=None) -> None:
    """The actor may manage staff accounts (else 403), and, when ``subject`` is a superuser,
    is one too: only a superuser changes a superuser's account."""
    require_permission(actor, roles.MANAGE_STAFF)
    if subject is not None and subject.is_superuser and not actor.is_superuser:
        raise PermissionDenied


def locked_subject(actor, user_id: int):
    """The account ``user_id``, locked for this transaction, after checking the actor may
    manage it: 403 without the permission or for a superuser's account (unless the actor is
    one), 404 for an id that is no account."""
    from django.contrib.auth import get_user_model

    require_manager(actor)
    subject = get_user_model().objects.select_for_update().filter(pk=user_id).first()
    if subject is None:
        raise Http404
    require_manager(actor, subject)
    return subject
