"""Publishing a rule-set version: an administrator makes a registered version the one new
screenings are scored with. Stored recommendations keep the version they were made with."""

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from core.roles import require_permission

from .. import selectors
from ..models import RuleSetPublication
from ..scoring import DEFAULT_RULE_SET, RULE_SETS

logger = logging.getLogger(__name__)


def _forget_active() -> None:
    try:
        cache.delete(selectors.ACTIVE_RULE_SET_CACHE_KEY)
    except Exception:  # the short cache timeout still bounds how long the old version lasts
        logger.warning("Cache unavailable; the active rule set stays cached until it expires")


def rule_set_publish(
    *, version: str, actor, note: str, ip_address: str | None = None
) -> RuleSetPublication:
    """Make ``version`` the active rule set, with the publisher's ``note`` saying why.

    Administrators only (``PermissionDenied`` otherwise). Raises ``ValidationError`` naming the
    field, and changes nothing, when the version is not registered in
    ``screening.scoring.RULE_SETS``, is already active, or the note is blank. Audited."""
    require_permission(actor, roles.PUBLISH_RULE_SET)
    version = (version or "").strip()
    note = (note or "").strip()
    errors: dict[str, str] = {}
    if version not in RULE_SETS:
        registered = ", ".join(RULE_SETS)
        errors["version"] = (
            f"“{version}” is not a registered rule set, so it cannot be published. "
            f"Registered: {registered}."
        )
    if not note:
        errors["note"] = "Say why this version is being published (who reviewed it, what changed)."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        previous = selectors.published_rule_set_version() or DEFAULT_RULE_SET.version
        if previous == version:
            raise ValidationError({"version": f"{version} is already the active rule set."})
        publication = RuleSetPublication.objects.create(
            version=version, published_by=actor, note=note
        )
        audit_record(
            action=AuditEvent.Action.PUBLISH,
            actor=actor,
            object_type="rule_set",
            object_id=version,
            detail=f"publication {publication.pk}; previously {previous}",
            ip_address=ip_address,
        )
        _forget_active()
        # Again once committed: a reader between the first delete and the commit may have
        # cached the previous version.
        transaction.on_commit(_forget_active)
    return publication
