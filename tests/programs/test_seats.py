"""Seat services: hold, release, enroll from a hold — never past capacity."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from programs.models import Program
from programs.services import (
    program_seat_enroll_from_hold,
    program_seat_hold,
    program_seat_release,
)

from .factories import ProgramFactory

pytestmark = pytest.mark.django_db


def counts(program) -> tuple[int, int, int]:
    program.refresh_from_db()
    return program.enrolled, program.held, program.open_seats


def test_hold_takes_open_places_until_none_are_left():
    program = ProgramFactory(capacity=3, enrolled=1)
    assert program_seat_hold(program_id=program.pk)
    assert program_seat_hold(program_id=program.pk)
    assert counts(program) == (1, 2, 0)
    assert not program_seat_hold(program_id=program.pk)
    assert counts(program) == (1, 2, 0)


def test_no_hold_on_an_inactive_or_missing_program():
    program = ProgramFactory(is_active=False)
    assert not program_seat_hold(program_id=program.pk)
    assert not program_seat_hold(program_id=program.pk + 1000)
    assert counts(program) == (0, 0, 10)


def test_release_gives_a_place_back_once():
    program = ProgramFactory(capacity=2)
    program_seat_hold(program_id=program.pk)
    assert program_seat_release(program_id=program.pk)
    assert not program_seat_release(program_id=program.pk)
    assert counts(program) == (0, 0, 2)


def test_enroll_turns_a_hold_into_an_enrollment():
    program = ProgramFactory(capacity=2)
    program_seat_hold(program_id=program.pk)
    assert program_seat_enroll_from_hold(program_id=program.pk)
    assert counts(program) == (1, 0, 1)
    assert not program_seat_enroll_from_hold(program_id=program.pk)  # nothing held any more
    assert counts(program) == (1, 0, 1)


def test_the_database_refuses_more_places_than_capacity():
    program = ProgramFactory(capacity=2, enrolled=1, held=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(held=F("held") + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Program.objects.filter(pk=program.pk).update(capacity=1)
