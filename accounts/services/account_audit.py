"""One audit row per staff account event: actor, subject (``user:<id>``), what changed as
field or group names, never a secret (no password, token, code or key)."""

from collections.abc import Iterable

from django.http import HttpRequest

from audit.services import audit_record


def audit_account(
    subject_id: object,
    *,
    action: str,
    actor=None,
    request: HttpRequest | None = None,
    detail: str = "",
    fields: Iterable[str] = (),
    actor_label: str = "",
) -> None:
    audit_record(
        action=action,
        actor=actor,
        request=request,
        object_type="user",
        object_id=subject_id if subject_id is not None else "",
        fields=fields,
        detail=detail,
        actor_label=actor_label,
    )
