"""Two staff members offer the last place of a program at the same moment, on PostgreSQL:
exactly one gets it, and held + enrolled never exceeds capacity."""

import threading
import time

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection

from admissions.models import SeatOffer
from admissions.services.offers import seat_offer_create
from programs.services import seats
from tests.admissions.factories import make_referral, make_staff

from .factories import ProgramFactory

pytestmark = pytest.mark.integration


def race(program, referrals, staff) -> list[str]:
    barrier = threading.Barrier(len(referrals))
    outcomes: list[str] = []

    def offer(referral):
        try:
            barrier.wait(timeout=10)
            seat_offer_create(referral=referral, program=program, offered_by=staff)
            outcomes.append("held")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=offer, args=(r,)) for r in referrals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return sorted(outcomes)


@pytest.fixture
def staff(transactional_db):
    """Granted the permission directly: a transactional test flushes the role groups."""
    user = make_staff(None)
    user.user_permissions.add(Permission.objects.get(codename="work_referral"))
    return user


@pytest.fixture
def slow_lock(monkeypatch):
    """Widen the window between reading the counts and writing them, so both offers are
    inside their transactions at the same time."""
    real = seats._locked

    def locked_then_pause(program_id):
        program = real(program_id)
        time.sleep(0.2)
        return program

    monkeypatch.setattr(seats, "_locked", locked_then_pause)


@pytest.mark.parametrize("round_", range(3))
def test_two_offers_for_the_last_place(require_postgres, staff, slow_lock, round_):
    program = ProgramFactory(capacity=5, enrolled=4)
    referrals = [make_referral(level="iop"), make_referral(level="iop")]

    assert race(program, referrals, staff) == ["held", "refused"]

    program.refresh_from_db()
    assert (program.enrolled, program.held, program.open_seats) == (4, 1, 0)
    assert program.enrolled + program.held <= program.capacity
    assert SeatOffer.objects.filter(program=program, status="held").count() == 1


def test_same_referral_offered_twice_at_once_gets_one_offer(require_postgres, staff, slow_lock):
    program = ProgramFactory(capacity=5)
    referral = make_referral(level="iop")

    assert race(program, [referral, referral], staff) == ["held", "refused"]

    program.refresh_from_db()
    assert program.held == 1
    assert SeatOffer.objects.filter(referral=referral, status="held").count() == 1


def test_many_offers_never_overbook(require_postgres, staff):
    program = ProgramFactory(capacity=3, enrolled=0)
    referrals = [make_referral(level="iop") for _ in range(8)]

    outcomes = race(program, referrals, staff)

    assert outcomes.count("held") == 3 and outcomes.count("refused") == 5
    program.refresh_from_db()
    assert (program.held, program.open_seats) == (3, 0)
