"""Seats. Each function locks the program row (``select_for_update``) before it reads the
counts, and the table's check constraint (enrolled <= capacity - held) backs it up, so
concurrent offers can never hold more places than there are."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from ..models import Program


def _locked(program_id: int) -> Program | None:
    return Program.objects.select_for_update().filter(pk=program_id).first()


def program_seat_hold(*, program_id: int) -> bool:
    """Hold one open place in an active program; False when there is none."""
    try:
        with transaction.atomic():
            program = _locked(program_id)
            if program is None or not program.is_active or program.open_seats < 1:
                return False
            Program.objects.filter(pk=program_id).update(held=F("held") + 1)
    except IntegrityError:  # the check constraint: never more held than capacity allows
        return False
    return True


def program_seat_release(*, program_id: int) -> bool:
    """Give back one held place; False when nothing was held."""
    with transaction.atomic():
        if _locked(program_id) is None:
            return False
        return bool(Program.objects.filter(pk=program_id, held__gt=0).update(held=F("held") - 1))


def program_seat_enroll_from_hold(*, program_id: int) -> bool:
    """Turn one held place into an enrollment; False when nothing was held."""
    with transaction.atomic():
        if _locked(program_id) is None:
            return False
        return bool(
            Program.objects.filter(pk=program_id, held__gt=0).update(
                held=F("held") - 1, enrolled=F("enrolled") + 1
            )
        )
