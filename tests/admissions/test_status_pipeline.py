"""The status pipeline: only sensible moves, a reason to end (or reopen) a referral, every
move recorded, and ending a referral cancels its pending follow-ups."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from admissions import pipeline
from admissions.models import FollowUp, Referral, StatusChange
from admissions.services.referrals import referral_status_change
from audit.models import AuditEvent
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db

REASON = "Person chose a program closer to home."


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("new", "contacting"),
        ("contacting", "assessment_scheduled"),
        ("assessment_scheduled", "admitted"),
        ("assessment_scheduled", "contacting"),
        ("contacting", "no_response"),
        ("new", "declined"),
        ("contacting", "referred_out"),
        ("no_response", "contacting"),
        ("closed", "contacting"),
    ],
)
def test_sensible_moves_are_allowed_and_recorded(start, target, admissions_user):
    # Admitting someone needs them reached first (tests/admissions/test_admit_needs_reach.py).
    reached = {"reached_at": timezone.now()} if target == "admitted" else {}
    referral = make_referral(status=start, **reached)

    change = referral_status_change(
        referral=referral, to_status=target, reason=REASON, actor=admissions_user
    )

    referral.refresh_from_db()
    assert referral.status == target
    assert (change.from_status, change.to_status, change.changed_by) == (
        start,
        target,
        admissions_user,
    )


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("new", "admitted"),  # no assessment yet
        ("new", "no_response"),  # nobody has tried to reach them
        ("admitted", "contacting"),  # admitted is final
        ("referred_out", "new"),
        ("contacting", "new"),  # never back to new
        ("contacting", "contacting"),
        ("declined", "admitted"),
    ],
)
def test_moves_that_make_no_sense_are_refused_and_change_nothing(start, target, admissions_user):
    referral = make_referral(status=start)
    changes = StatusChange.objects.filter(referral=referral).count()

    with pytest.raises(ValidationError) as error:
        referral_status_change(
            referral=referral, to_status=target, reason=REASON, actor=admissions_user
        )

    assert "to_status" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == start
    assert StatusChange.objects.filter(referral=referral).count() == changes


@pytest.mark.parametrize("start", pipeline.OPEN)
def test_merged_is_never_a_move_staff_can_make(start, admissions_user):
    referral = make_referral(status=start)

    with pytest.raises(ValidationError) as error:
        referral_status_change(
            referral=referral, to_status=pipeline.MERGED, reason=REASON, actor=admissions_user
        )

    assert "to_status" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == start
    assert pipeline.allowed_next(pipeline.MERGED) == ()


@pytest.mark.parametrize("target", pipeline.ENDED_BY_STAFF)
def test_ending_a_referral_needs_a_reason(target, admissions_user):
    referral = make_referral(status="assessment_scheduled")

    with pytest.raises(ValidationError) as error:
        referral_status_change(
            referral=referral, to_status=target, reason="  ", actor=admissions_user
        )

    assert "reason" in error.value.message_dict
    referral.refresh_from_db()
    assert referral.status == "assessment_scheduled"


def test_every_allowed_target_of_the_table_is_a_real_status():
    for start, targets in pipeline.TRANSITIONS.items():
        assert start in Referral.Status.values
        assert set(targets) <= set(Referral.Status.values)
        assert start not in targets


def test_ending_a_referral_cancels_its_pending_follow_ups_and_is_audited(admissions_user):
    referral = make_referral(status="contacting")
    pending = FollowUp.objects.create(
        referral=referral,
        kind=FollowUp.Kind.NO_RESPONSE_2,
        channel="email",
        dedupe_key=f"t:{referral.pk}",
        scheduled_for=referral.due_at,
    )

    change = referral_status_change(
        referral=referral, to_status="declined", reason=REASON, actor=admissions_user
    )

    pending.refresh_from_db()
    assert pending.status == FollowUp.Status.CANCELLED
    event = AuditEvent.objects.get(action="change", object_id=str(referral.pk))
    assert event.fields == ["status"]
    assert event.detail == f"status_change {change.pk}"
    assert event.actor == admissions_user


def test_the_page_offers_only_the_allowed_next_statuses(signed_in, admissions_user):
    referral = make_referral(status="new")

    page = signed_in(admissions_user).get(reverse("admissions:referral_detail", args=[referral.pk]))

    options = page.context["status_form"].fields["to_status"].choices
    assert [value for value, _ in options] == list(pipeline.allowed_next("new"))


def test_a_missing_reason_on_the_page_is_shown_next_to_the_field(signed_in, admissions_user):
    referral = make_referral(status="contacting")

    response = signed_in(admissions_user).post(
        reverse("admissions:referral_status", args=[referral.pk]),
        {"to_status": "no_response", "reason": ""},
    )

    assert response.status_code == 400
    form = response.context["status_form"]
    assert "at least 10 characters" in form.errors["reason"][0]
    assert b"Nothing was saved" in response.content
    referral.refresh_from_db()
    assert referral.status == "contacting"


def test_the_status_timeline_shows_each_move_with_who_and_why(signed_in, admissions_user):
    referral = make_referral(status="contacting")
    referral_status_change(
        referral=referral, to_status="no_response", reason=REASON, actor=admissions_user
    )

    page = signed_in(admissions_user).get(reverse("admissions:referral_detail", args=[referral.pk]))

    text = page.content.decode()
    timeline = text[text.index('id="timeline"') :]
    assert "No response" in timeline
    assert REASON in timeline
    assert "Alex Intake" in timeline
