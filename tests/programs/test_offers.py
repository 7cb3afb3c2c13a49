"""Offering a program to a referral: the offer holds a place, expires by itself, and becomes an
enrollment when the person is admitted."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from admissions.models import SeatOffer
from admissions.services.offers import (
    seat_offer_accept,
    seat_offer_create,
    seat_offer_withdraw,
    seat_offers_expire_due,
    seat_offers_release_for_referral,
)
from admissions.tasks import seat_offers_expire
from audit.models import AuditEvent
from core import roles
from iop_portal.celery import app
from tests.admissions.factories import make_referral, make_staff

from .factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return make_staff(roles.ADMISSIONS)


def places(program) -> tuple[int, int, int]:
    program.refresh_from_db()
    return program.enrolled, program.held, program.open_seats


def test_offer_holds_a_place_for_the_set_time(staff):
    program = ProgramFactory(capacity=3, enrolled=1)
    referral = make_referral(level="iop")
    before = timezone.now()
    offer = seat_offer_create(referral=referral, program=program, offered_by=staff, hold_hours=24)
    assert offer.status == SeatOffer.Status.HELD
    assert before + timedelta(hours=24) <= offer.expires_at <= timezone.now() + timedelta(hours=24)
    assert places(program) == (1, 1, 1)
    event = AuditEvent.objects.get(object_type="seat_offer", object_id=str(offer.pk))
    assert (event.action, event.actor) == ("create", staff)
    assert event.detail == f"referral {referral.pk} program {program.pk} held 24 h"


def test_default_hold_time_comes_from_settings(staff):
    offer = seat_offer_create(referral=make_referral(), program=ProgramFactory(), offered_by=staff)
    expected = timezone.now() + timedelta(hours=settings.SEAT_HOLD_HOURS)
    assert abs((offer.expires_at - expected).total_seconds()) < 5


def test_no_offer_without_an_open_place(staff):
    program = ProgramFactory(capacity=2, enrolled=2)
    with pytest.raises(ValidationError, match="has no open place right now"):
        seat_offer_create(referral=make_referral(), program=program, offered_by=staff)
    assert not SeatOffer.objects.exists()


def test_the_last_place_goes_to_one_referral_only(staff):
    program = ProgramFactory(capacity=1)
    seat_offer_create(referral=make_referral(), program=program, offered_by=staff)
    with pytest.raises(ValidationError):
        seat_offer_create(referral=make_referral(), program=program, offered_by=staff)
    assert places(program) == (0, 1, 0)


def test_one_live_offer_per_referral_and_program(staff):
    program, referral = ProgramFactory(), make_referral()
    seat_offer_create(referral=referral, program=program, offered_by=staff)
    with pytest.raises(ValidationError, match="already held for this person"):
        seat_offer_create(referral=referral, program=program, offered_by=staff)
    assert places(program) == (0, 1, 9)
    seat_offer_create(referral=referral, program=ProgramFactory(), offered_by=staff)  # another one


def test_no_offer_on_a_closed_referral_or_an_inactive_program(staff):
    with pytest.raises(ValidationError, match="referral has ended"):
        seat_offer_create(
            referral=make_referral(status="declined"), program=ProgramFactory(), offered_by=staff
        )
    with pytest.raises(ValidationError, match="not taking new people"):
        seat_offer_create(
            referral=make_referral(), program=ProgramFactory(is_active=False), offered_by=staff
        )


def test_hold_time_must_be_sensible(staff):
    with pytest.raises(ValidationError, match="Hold a place for 1 to 336 hours"):
        seat_offer_create(
            referral=make_referral(), program=ProgramFactory(), offered_by=staff, hold_hours=0
        )


def test_only_staff_who_work_referrals_can_offer_or_withdraw(staff):
    clinician = make_staff(roles.CLINICIAN)
    program = ProgramFactory()
    with pytest.raises(PermissionDenied):
        seat_offer_create(referral=make_referral(), program=program, offered_by=clinician)
    offer = seat_offer_create(referral=make_referral(), program=program, offered_by=staff)
    with pytest.raises(PermissionDenied):
        seat_offer_withdraw(offer=offer, actor=clinician)
    assert places(program) == (0, 1, 9)


def test_withdraw_gives_the_place_back_once(staff):
    program = ProgramFactory(capacity=1)
    offer = seat_offer_create(referral=make_referral(), program=program, offered_by=staff)
    assert seat_offer_withdraw(offer=offer, actor=staff)
    assert not seat_offer_withdraw(offer=offer, actor=staff)
    assert places(program) == (0, 0, 1)
    offer.refresh_from_db()
    assert offer.status == SeatOffer.Status.WITHDRAWN and offer.closed_at


def test_due_offers_expire_and_release_their_places(staff):
    program = ProgramFactory(capacity=3)
    due = seat_offer_create(
        referral=make_referral(), program=program, offered_by=staff, hold_hours=1
    )
    live = seat_offer_create(
        referral=make_referral(), program=program, offered_by=staff, hold_hours=5
    )
    later = timezone.now() + timedelta(hours=2)
    assert seat_offers_expire_due(now=later) == 1
    assert seat_offers_expire_due(now=later) == 0  # idempotent
    due.refresh_from_db(), live.refresh_from_db()
    assert (due.status, live.status) == ("expired", "held")
    assert places(program) == (0, 1, 2)
    event = AuditEvent.objects.get(object_type="seat_offer", object_id=str(due.pk), action="change")
    assert (event.detail, event.actor_label) == ("expired", "system")


def test_beat_task_expires_offers(staff):
    program = ProgramFactory(capacity=1)
    offer = seat_offer_create(referral=make_referral(), program=program, offered_by=staff)
    SeatOffer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    seat_offers_expire.delay()
    offer.refresh_from_db()
    assert offer.status == "expired"
    assert places(program) == (0, 0, 1)


def test_beat_runs_the_expiry_and_waitlist_sweep_every_minute():
    # Every minute (was five): the same round hands freed places to the waitlists (issue 13).
    entry = settings.CELERY_BEAT_SCHEDULE["seat-offers-expire"]
    assert entry["task"] == seat_offers_expire.name == "admissions.seat_offers_expire"
    assert entry["schedule"] == 60.0
    app.loader.import_default_modules()  # what a worker does at start-up
    assert entry["task"] in app.tasks  # found by autodiscovery (CELERY_IMPORTS is gone)


def test_an_expired_hold_not_yet_swept_makes_way_for_a_new_offer(staff):
    program, referral = ProgramFactory(capacity=1), make_referral()
    old = seat_offer_create(referral=referral, program=program, offered_by=staff)
    SeatOffer.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    new = seat_offer_create(referral=referral, program=program, offered_by=staff)
    old.refresh_from_db()
    assert (old.status, new.status) == ("expired", "held")
    assert places(program) == (0, 1, 0)


def test_accept_enrolls_and_releases_other_holds(staff):
    chosen, other = ProgramFactory(capacity=2), ProgramFactory(capacity=2)
    referral = make_referral()
    seat_offer_create(referral=referral, program=other, offered_by=staff)
    offer = seat_offer_create(referral=referral, program=chosen, offered_by=staff)
    accepted = seat_offer_accept(referral=referral)
    assert accepted.pk == offer.pk and accepted.status == "accepted"
    assert places(chosen) == (1, 0, 1)
    assert places(other) == (0, 0, 2)
    assert set(referral.offers.values_list("status", flat=True)) == {"accepted", "withdrawn"}


def test_accept_picks_the_named_program(staff):
    first, second = ProgramFactory(), ProgramFactory()
    referral = make_referral()
    seat_offer_create(referral=referral, program=first, offered_by=staff)
    seat_offer_create(referral=referral, program=second, offered_by=staff)
    assert seat_offer_accept(referral=referral, program=first).program == first
    assert places(first)[0] == 1 and places(second)[:2] == (0, 0)


def test_accept_without_a_live_hold_enrolls_nobody(staff):
    program, referral = ProgramFactory(), make_referral()
    assert seat_offer_accept(referral=referral) is None
    offer = seat_offer_create(referral=referral, program=program, offered_by=staff)
    SeatOffer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert seat_offer_accept(referral=referral) is None
    assert places(program) == (0, 1, 9)  # still held until the sweep releases it


def test_release_for_a_referral_that_ended(staff):
    program, referral = ProgramFactory(), make_referral()
    seat_offer_create(referral=referral, program=program, offered_by=staff)
    assert seat_offers_release_for_referral(referral=referral) == 1
    assert places(program) == (0, 0, 10)
