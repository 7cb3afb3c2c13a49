"""Keeping the catalog: create, edit, capacity, deactivate. Program admins only; every change
is audited with the names of the fields it touched (never values of free text)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.text import slugify

from audit.models import AuditEvent
from audit.services import audit_record
from core import roles
from core.roles import require_permission

from .. import geo
from ..matching import SessionSlot
from ..models import InsurancePlan, Program, Session
from ..validation import overlapping_sessions, population_age_problem, schedule_problem

EDITABLE_FIELDS = (
    "name",
    "description",
    "description_es",
    "level",
    "population",
    "min_age",
    "max_age",
    "focus",
    "modality",
    "address",
    "city",
    "state",
    "zip_code",
    "telehealth_states",
    "accepts_self_pay",
    "languages",
    "waitlist_weeks",
)


def _check(fields: Mapping[str, object], sessions: Sequence[SessionSlot]) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    errors: dict[str, list[str]] = {}
    problem = population_age_problem(fields["population"], fields["min_age"], fields["max_age"])
    if problem:
        errors["max_age"] = [problem]
    errors.update(place_problems(fields))
    for problem in (
        schedule_problem(fields["level"], fields["population"], sessions),
        overlapping_sessions(sessions),
    ):
        if problem:
            errors.setdefault(NON_FIELD_ERRORS, []).append(problem)
    if errors:
        raise ValidationError(errors)


def place_problems(fields: Mapping[str, object]) -> dict[str, list[str]]:
    """Where people attend: an address and a real US ZIP for in-person care, and the states
    served for video care. Field name -> messages; empty when all is well."""
    errors: dict[str, list[str]] = {}
    modality = fields.get("modality")
    if modality != Program.Modality.TELEHEALTH:
        if not fields.get("address"):
            errors["address"] = ["Give the address where people attend in person."]
        if geo.zip_point(str(fields.get("zip_code") or "")) is None:
            errors["zip_code"] = ["Give the 5-digit US ZIP code of that address."]
    states = fields.get("telehealth_states") or []
    if modality != Program.Modality.IN_PERSON and not states:
        errors["telehealth_states"] = [
            "List the states whose residents may join by video (for example MA, NH)."
        ]
    unknown = geo.parse_states(list(states))[1]
    if unknown:
        errors["telehealth_states"] = [f"Not a US state code: {', '.join(unknown)}."]
    return errors


def _locate(program: Program) -> None:
    """The program's point: its ZIP's centre (None for a telehealth program without one)."""
    point = geo.zip_point(program.zip_code)
    program.latitude, program.longitude = point if point else (None, None)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:130] or "program"
    slug, n = base, 2
    while Program.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _write_sessions(program: Program, sessions: Sequence[SessionSlot]) -> None:
    program.sessions.all().delete()
    Session.objects.bulk_create(
        Session(program=program, weekday=s.weekday, start_time=s.start, end_time=s.end)
        for s in sessions
    )


def _slots(program: Program) -> list[tuple]:
    return sorted((s.weekday, s.start_time, s.end_time) for s in program.sessions.all())


@transaction.atomic
def program_create(
    *,
    actor,
    fields: Mapping[str, object],
    sessions: Sequence[SessionSlot],
    insurance_plans: Iterable[InsurancePlan],
    capacity: int,
    enrolled: int = 0,
    ip_address: str | None = None,
) -> Program:
    """Add a program with its weekly sessions and accepted plans."""
    require_permission(actor, roles.MANAGE_CATALOG)
    _check(fields, sessions)
    if enrolled > capacity:
        raise ValidationError({"enrolled": "Enrolled can't be more than the capacity."})
    program = Program(
        **fields, capacity=capacity, enrolled=enrolled, slug=_unique_slug(str(fields["name"]))
    )
    _locate(program)
    program.save()
    program.insurance_plans.set(list(insurance_plans))
    _write_sessions(program, sessions)
    audit_record(
        action=AuditEvent.Action.CREATE,
        actor=actor,
        ip_address=ip_address,
        object_type="program",
        object_id=program.pk,
        fields=[*fields, "capacity", "enrolled", "sessions", "insurance_plans"],
    )
    return program


@transaction.atomic
def program_update(
    *,
    program: Program,
    actor,
    fields: Mapping[str, object],
    sessions: Sequence[SessionSlot],
    insurance_plans: Iterable[InsurancePlan],
    ip_address: str | None = None,
) -> list[str]:
    """Edit a program's description, schedule and plans (capacity has its own service).
    Returns the names of the fields that changed; nothing is written when none did."""
    require_permission(actor, roles.MANAGE_CATALOG)
    _check(fields, sessions)
    program = Program.objects.select_for_update().get(pk=program.pk)
    changed = [name for name, value in fields.items() if getattr(program, name) != value]
    plans = list(insurance_plans)
    if {p.pk for p in plans} != set(program.insurance_plans.values_list("pk", flat=True)):
        changed.append("insurance_plans")
    if _slots(program) != sorted((s.weekday, s.start, s.end) for s in sessions):
        changed.append("sessions")
    if not changed:
        return []
    for name, value in fields.items():
        setattr(program, name, value)
    _locate(program)
    program.save()
    if "insurance_plans" in changed:
        program.insurance_plans.set(plans)
    if "sessions" in changed:
        _write_sessions(program, sessions)
    audit_record(
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        object_type="program",
        object_id=program.pk,
        fields=changed,
    )
    return changed


@transaction.atomic
def program_capacity_set(
    *, program: Program, capacity: int, enrolled: int, actor, ip_address: str | None = None
) -> Program:
    """Change the number of places and the current enrollment. Capacity may never drop below
    the people enrolled plus the places held by live offers."""
    require_permission(actor, roles.MANAGE_CATALOG)
    program = Program.objects.select_for_update().get(pk=program.pk)
    if enrolled + program.held > capacity:
        held = f" and {program.held} held for offers" if program.held else ""
        raise ValidationError(
            {
                "capacity": (
                    f"Capacity can't be below {enrolled + program.held}: {enrolled} enrolled{held}."
                )
            }
        )
    before = (program.capacity, program.enrolled)
    changed = [
        name
        for name, old, new in (("capacity", before[0], capacity), ("enrolled", before[1], enrolled))
        if old != new
    ]
    if changed:
        program.capacity, program.enrolled = capacity, enrolled
        program.save(update_fields=["capacity", "enrolled", "updated_at"])
        audit_record(
            action=AuditEvent.Action.CHANGE,
            actor=actor,
            ip_address=ip_address,
            object_type="program",
            object_id=program.pk,
            fields=changed,
            detail=f"capacity {before[0]} -> {capacity}; enrolled {before[1]} -> {enrolled}",
        )
    return program


def _set_active(*, program: Program, active: bool, actor, ip_address: str | None) -> bool:
    require_permission(actor, roles.MANAGE_CATALOG)
    with transaction.atomic():
        updated = Program.objects.filter(pk=program.pk, is_active=not active).update(
            is_active=active
        )
        if updated:
            audit_record(
                action=AuditEvent.Action.CHANGE,
                actor=actor,
                ip_address=ip_address,
                object_type="program",
                object_id=program.pk,
                fields=["is_active"],
                detail="activated" if active else "deactivated",
            )
    program.is_active = active
    return bool(updated)


def program_deactivate(*, program: Program, actor, ip_address: str | None = None) -> bool:
    """Take a program out of the catalog and out of matching. Places already held stay held
    until their offers are accepted, withdrawn or expire."""
    return _set_active(program=program, active=False, actor=actor, ip_address=ip_address)


def program_activate(*, program: Program, actor, ip_address: str | None = None) -> bool:
    return _set_active(program=program, active=True, actor=actor, ip_address=ip_address)
