"""Writing the audit trail. Rows carry ids and field names only — never PHI values."""

from collections.abc import Iterable

from django.http import HttpRequest

from core.client_address import UNKNOWN, client_address

from .models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as ``core.client_address`` sees it (trusted proxies only)."""
    if request is None:
        return None
    address = client_address(request)
    return None if address == UNKNOWN else address


def audit_event(
    *,
    action: str,
    actor=None,
    request: HttpRequest | None = None,
    object_type: str = "",
    object_id: object = "",
    fields: Iterable[str] = (),
    detail: str = "",
    actor_label: str = "",
    ip_address: str | None = None,
) -> AuditEvent:
    """The event ``audit_record`` appends, not yet saved: for a caller that writes it with
    other rows in one statement (``core.inserts.insert_together``)."""
    user = getattr(request, "user", None)
    if actor is None and user is not None and user.is_authenticated:
        actor = user
    label = actor_label or (actor.get_username() if actor is not None else "")
    return AuditEvent(
        action=action,
        actor=actor,
        actor_label=label[:150],
        object_type=object_type,
        object_id=str(object_id),
        fields=sorted(fields),
        detail=detail[:200],
        ip_address=ip_address or client_ip(request),
    )


def audit_record(**event) -> AuditEvent:
    """Append one event (arguments as ``audit_event``). ``actor`` defaults to the request's
    signed-in user; the address comes from ``ip_address`` or else from the request."""
    recorded = audit_event(**event)
    recorded.save(force_insert=True)
    return recorded


def audit_record_views(
    *,
    request: HttpRequest,
    objects: Iterable[tuple[str, object]],
    detail: str = "",
) -> list[AuditEvent]:
    """One ``view`` event per ``(object_type, object_id)``, written in a single query."""
    events = [
        audit_event(
            action=AuditEvent.Action.VIEW,
            actor=None,
            request=request,
            object_type=object_type,
            object_id=object_id,
            fields=(),
            detail=detail,
            actor_label="",
            ip_address=None,
        )
        for object_type, object_id in objects
    ]
    return AuditEvent.objects.bulk_create(events)
