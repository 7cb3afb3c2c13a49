"""Waitlists: a full program keeps an ordered list; a freed place — capacity raised, an
enrollment ended, an offer expired or withdrawn, a referral ended — goes to the next person
as a held offer by itself; every offer tells the applicant (with consent) and its expiry
shows in the queue."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from admissions.models import FollowUp, SeatOffer, WaitlistEntry
from admissions.selectors.waitlists import referral_waitlist_entries
from admissions.services.offers import seat_offer_create, seat_offer_withdraw
from admissions.services.referrals import referral_status_change
from admissions.services.waitlists import waitlist_add, waitlist_remove
from admissions.tasks.offers import seat_offers_expire
from audit.models import AuditEvent
from core import roles
from programs.services import program_capacity_set
from tests.admissions.factories import make_referral, make_staff
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full():
    return ProgramFactory(name="Evening IOP", capacity=2, enrolled=2)


def _wait(referral, program, staff):
    return waitlist_add(referral=referral, program=program, actor=staff)


def _held(referral):
    return SeatOffer.objects.filter(referral=referral, status="held")


def test_only_a_full_program_takes_a_waitlist(admissions_user):
    open_program = ProgramFactory(name="Open IOP", capacity=5, enrolled=1)

    with pytest.raises(ValidationError, match="has an open place: offer it instead"):
        _wait(make_referral(), open_program, admissions_user)


def test_the_waitlist_is_first_come_first_served(admissions_user, full):
    first, second, third = (make_referral(first_name=n) for n in ("First", "Second", "Third"))
    for referral in (first, second, third):
        _wait(referral, full, admissions_user)

    positions = [referral_waitlist_entries(referral=r)[0].position for r in (first, second, third)]

    assert positions == [1, 2, 3]
    with pytest.raises(ValidationError, match="already on the"):
        _wait(first, full, admissions_user)


def test_raised_capacity_offers_the_next_person_a_held_place(admissions_user, full):
    program_admin = make_staff(roles.PROGRAM_ADMIN)
    first, second = make_referral(email="f@example.com"), make_referral()
    _wait(first, full, admissions_user)
    _wait(second, full, admissions_user)

    program_capacity_set(program=full, capacity=3, enrolled=2, actor=program_admin)
    seats_offered = seat_offers_expire.apply().successful()  # the beat sweep, every minute

    assert seats_offered
    offer = _held(first).get()
    assert offer.offered_by is None  # the waitlist offered it
    assert not _held(second).exists()
    entry = WaitlistEntry.objects.get(referral=first)
    assert (entry.status, entry.offer) == ("offered", offer)
    notice = FollowUp.objects.get(kind="seat_offer", seat_offer=offer)
    assert notice.channel == "email"
    full.refresh_from_db()
    assert (full.held, full.open_seats) == (1, 0)


def test_an_ended_enrollment_frees_a_place_for_the_list(admissions_user, full):
    program_admin = make_staff(roles.PROGRAM_ADMIN)
    waiting = make_referral()
    _wait(waiting, full, admissions_user)

    program_capacity_set(program=full, capacity=2, enrolled=1, actor=program_admin)
    seat_offers_expire.apply()

    assert _held(waiting).exists()


def test_a_withdrawn_offer_goes_straight_to_the_next_person(admissions_user):
    program = ProgramFactory(capacity=1, enrolled=0)
    holder, waiting = make_referral(), make_referral()
    offer = seat_offer_create(referral=holder, program=program, offered_by=admissions_user)
    _wait(waiting, program, admissions_user)

    seat_offer_withdraw(offer=offer, actor=admissions_user)

    assert _held(waiting).exists()  # at once, not at the next sweep


def test_an_expired_offer_goes_to_the_next_person(admissions_user):
    program = ProgramFactory(capacity=1, enrolled=0)
    holder, waiting = make_referral(), make_referral()
    offer = seat_offer_create(referral=holder, program=program, offered_by=admissions_user)
    _wait(waiting, program, admissions_user)
    SeatOffer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    seat_offers_expire.apply()

    offer.refresh_from_db()
    assert offer.status == "expired"
    assert _held(waiting).exists()


def test_a_referral_that_ends_hands_its_place_on_and_leaves_every_list(admissions_user):
    program, other = ProgramFactory(capacity=1, enrolled=0), ProgramFactory(capacity=1, enrolled=1)
    holder, waiting = make_referral(), make_referral()
    seat_offer_create(referral=holder, program=program, offered_by=admissions_user)
    _wait(holder, other, admissions_user)
    _wait(waiting, program, admissions_user)

    referral_status_change(
        referral=holder,
        to_status="declined",
        reason="Chose a program nearer home.",
        actor=admissions_user,
    )

    assert _held(waiting).exists()
    assert WaitlistEntry.objects.get(referral=holder).status == "removed"


def test_people_whose_referral_ended_are_skipped(admissions_user, full):
    ended, next_up = make_referral(), make_referral()
    _wait(ended, full, admissions_user)
    _wait(next_up, full, admissions_user)
    type(ended).objects.filter(pk=ended.pk).update(status="closed")

    program_capacity_set(
        program=full, capacity=3, enrolled=2, actor=make_staff(roles.PROGRAM_ADMIN)
    )
    seat_offers_expire.apply()

    assert _held(next_up).exists() and not _held(ended).exists()


def test_no_offer_message_without_consent_but_the_place_is_still_held(admissions_user):
    program = ProgramFactory(capacity=2, enrolled=0)
    referral = make_referral(consent_contact=False)

    offer = seat_offer_create(referral=referral, program=program, offered_by=admissions_user)

    assert offer.status == "held"
    assert not FollowUp.objects.filter(kind="seat_offer").exists()


def test_taking_someone_off_the_list_is_audited(admissions_user, full):
    referral = make_referral()
    entry = _wait(referral, full, admissions_user)

    assert waitlist_remove(entry=entry, actor=admissions_user, reason="Found a closer program")

    entry.refresh_from_db()
    assert (entry.status, entry.removed_reason) == ("removed", "Found a closer program")
    assert AuditEvent.objects.filter(
        object_id=str(referral.pk), detail=f"waitlist entry {entry.pk} program {full.pk} removed"
    ).exists()


def test_the_queue_shows_a_held_seat_and_when_it_expires(signed_in, admissions_user):
    program = ProgramFactory(name="Harbor Evening IOP", capacity=2, enrolled=0)
    referral = make_referral(first_name="Noor", last_name="Held")
    offer = seat_offer_create(referral=referral, program=program, offered_by=admissions_user)

    text = signed_in(admissions_user).get("/staff/referrals/").content.decode()

    row = text[text.index("Held, Noor") :]
    row = row[: row.index("</tr>")]
    local = timezone.localtime(offer.expires_at)
    assert "Seat held" in row and "Harbor Evening IOP" in row
    assert f"until {local:%b} {local.day}, {local.year}" in row


def test_staff_add_someone_to_a_waitlist_from_the_referral_page(signed_in, admissions_user, full):
    referral = make_referral(level="iop")

    response = signed_in(admissions_user).post(
        reverse("admissions:waitlist_add", args=[referral.pk]), {"program": full.pk}, follow=True
    )

    assert "Added to the Evening IOP waitlist." in response.content.decode()
    assert WaitlistEntry.objects.filter(referral=referral, status="waiting").exists()
