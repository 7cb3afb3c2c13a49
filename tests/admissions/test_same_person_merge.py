"""Staff merge two referrals of the same person with one audited action, or dismiss the
flag; a tampered or stale form is refused with nothing written (docs/same-person.md)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from admissions.models import (
    CrisisEpisode,
    FollowUp,
    Note,
    Referral,
    ReferralScreening,
    SamePersonFlag,
    StatusChange,
)
from admissions.selectors.same_person import merge_version
from admissions.services.assessments import assessment_schedule
from admissions.services.followups import followup_schedule
from admissions.services.referrals import referral_note_add
from audit.models import AuditEvent
from tests.screening.factories import submitted
from tests.screening.scoring.answers import answers

pytestmark = pytest.mark.django_db
CRISIS = answers(asq_1=True, asq_5=True)


@pytest.fixture
def pair(settings):
    """Robin's routine referral, then a crisis submission with the same phone and another
    email, insurance and consent to texts: two referrals, one open flag."""
    settings.ONCALL_EMAIL = "oncall@example.org"
    submitted(email="robin@example.org", phone="555-010-0142", insurance_carrier="Old Plan")
    earlier = Referral.objects.get()
    submitted(
        email="robin.new@example.org",
        phone="(555) 010-0142",
        insurance_carrier="New Plan",
        consent_sms=not earlier.consent_sms,
        answers=CRISIS,
    )
    later = Referral.objects.exclude(pk=earlier.pk).get()
    flag = SamePersonFlag.objects.get()
    return flag, earlier, later


def _url(referral, flag, name="admissions:same_person"):
    return reverse(name, args=[referral.pk, flag.pk])


def _version(flag):
    flag = SamePersonFlag.objects.get(pk=flag.pk)
    return merge_version(flag, flag.earlier, flag.later)


def _state():
    """Everything a merge writes, to prove a refusal wrote nothing."""
    return {
        "referrals": list(Referral.objects.order_by("pk").values()),
        "flags": list(SamePersonFlag.objects.order_by("pk").values()),
        "links": list(ReferralScreening.objects.order_by("pk").values("referral_id")),
        "followups": list(FollowUp.objects.order_by("pk").values("referral_id", "status")),
        "episodes": list(CrisisEpisode.objects.values("referral_id")),
        "status_changes": StatusChange.objects.count(),
        "audit": AuditEvent.objects.filter(object_type="referral").exclude(action="view").count(),
    }


def test_both_referral_pages_show_the_possible_match_with_what_differs(
    pair, signed_in, admissions_user
):
    flag, earlier, later = pair
    client = signed_in(admissions_user)

    for mine, theirs in ((earlier, later), (later, earlier)):
        response = client.get(reverse("admissions:referral_detail", args=[mine.pk]))
        (match,) = response.context["same_person_matches"]
        assert match.other.pk == theirs.pk
        assert "Phone" in match.matches
        differs = {row.group.key for row in match.rows if not row.same}
        assert {"email", "insurance", "consent_sms"} <= differs
        assert "phone" not in differs
        page = response.content.decode()
        assert "Possible same person" in page
        assert _url(mine, flag) in page

    queue = client.get("/staff/referrals/").content.decode()
    assert queue.count("same-person-badge") == 2


def test_merge_keeps_every_screening_the_highest_urgency_the_earliest_deadline_and_the_crisis(
    pair, signed_in, admissions_user
):
    flag, earlier, later = pair
    screenings = set(ReferralScreening.objects.values_list("screening_id", flat=True))
    earliest_due = min(earlier.due_at, later.due_at)
    referral_note_add(referral=later, author=admissions_user, body="Called back once")
    followup_schedule(
        kind=FollowUp.Kind.NO_RESPONSE_1,
        channel=FollowUp.Channel.EMAIL,
        referral=later,
        dedupe_key=f"no_response_1:referral:{later.pk}:t",
        scheduled_for=timezone.now() + timedelta(days=1),
    )
    alerts = set(
        FollowUp.objects.filter(referral=later, kind="crisis_alert").values_list("pk", flat=True)
    )
    assert alerts

    response = signed_in(admissions_user).post(
        _url(earlier, flag),
        {
            "version": _version(flag),
            "keep_email": "later",
            "keep_insurance": "earlier",
            "keep_consent_sms": "later",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("admissions:referral_detail", args=[earlier.pk])
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert set(earlier.screening_links.values_list("screening_id", flat=True)) == screenings
    assert (earlier.urgency, earlier.crisis, earlier.crisis_open) == ("emergent", True, True)
    assert earlier.level == "inpatient" and "crisis" in earlier.flags
    assert earlier.due_at == earliest_due
    assert earlier.email == "robin.new@example.org" and earlier.email_key == "robin.new@example.org"
    assert earlier.insurance_carrier == "Old Plan"
    assert earlier.consent_sms == later.consent_sms
    assert CrisisEpisode.objects.get().referral_id == earlier.pk
    assert (
        set(
            FollowUp.objects.filter(referral=earlier, kind="crisis_alert").values_list(
                "pk", flat=True
            )
        )
        >= alerts
    )
    assert Note.objects.get(body="Called back once").referral_id == earlier.pk
    pending = FollowUp.objects.get(kind=FollowUp.Kind.NO_RESPONSE_1)
    assert (pending.referral_id, pending.status) == (earlier.pk, "cancelled")
    assert (later.status, later.merged_into_id, later.crisis_open) == ("merged", earlier.pk, False)
    assert not later.possible_same_person and not earlier.possible_same_person
    assert SamePersonFlag.objects.get().status == "merged"
    assert StatusChange.objects.filter(referral=later, to_status="merged").exists()
    events = AuditEvent.objects.filter(actor=admissions_user, object_type="referral")
    merged_event = events.get(object_id=str(earlier.pk), action="change")
    assert f"merged referral {later.pk}" in merged_event.detail
    assert "robin" not in merged_event.detail.lower()  # ids and field names, never values
    assert events.filter(object_id=str(later.pk), detail__contains="merged into").exists()
    queue = signed_in(admissions_user).get("/staff/referrals/")
    assert [r.pk for r in queue.context["queue"].rows] == [earlier.pk]
    page = signed_in(admissions_user).get(reverse("admissions:referral_detail", args=[later.pk]))
    assert f"Merged into referral {earlier.pk}" in page.content.decode()


@pytest.mark.parametrize(
    "tamper, message",
    [
        ({"keep_name": "later"}, "not offered"),
        ({"keep_email": "third"}, "one of the two values"),
        ({"keep_email": None}, "Choose which value stands for: Email"),
        ({"version": "stale"}, "changed since the form was opened"),
    ],
)
def test_a_tampered_or_stale_merge_is_refused_and_writes_nothing(
    pair, signed_in, admissions_user, tamper, message
):
    flag, earlier, _ = pair
    data = {
        "version": _version(flag),
        "keep_email": "later",
        "keep_insurance": "later",
        "keep_consent_sms": "later",
    }
    for key, value in tamper.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    before = _state()

    response = signed_in(admissions_user).post(_url(earlier, flag), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert _state() == before


def test_a_flag_not_naming_the_referral_or_a_decided_flag_is_refused(
    pair, signed_in, admissions_user
):
    flag, earlier, _ = pair
    stranger = submitted(email="someone@example.org", phone="555-777-0000", first_name="Zed")
    client = signed_in(admissions_user)
    assert client.get(_url(stranger.referral_link.referral, flag)).status_code == 404

    SamePersonFlag.objects.filter(pk=flag.pk).update(status="dismissed", decided_at=timezone.now())
    before = _state()
    response = client.post(
        _url(earlier, flag),
        {"version": _version(flag), "keep_email": "later", "keep_insurance": "later",
         "keep_consent_sms": "later"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "already decided" in response.content.decode()
    assert _state() == before


def test_a_clinician_may_look_but_not_merge(pair, signed_in, clinician):
    flag, earlier, _ = pair
    client = signed_in(clinician)
    assert client.get(_url(earlier, flag)).status_code == 200
    before = _state()

    response = client.post(_url(earlier, flag), {"version": _version(flag)})

    assert response.status_code == 403
    assert _state() == before


def test_two_booked_assessments_must_be_settled_before_merging(
    pair, signed_in, admissions_user, clinician
):
    flag, earlier, later = pair
    for n, referral in enumerate((earlier, later)):
        assessment_schedule(
            referral=referral,
            starts_at=timezone.now() + timedelta(days=2, hours=n),
            mode="video",
            clinician=clinician,
            actor=admissions_user,
        )
    before = _state()

    response = signed_in(admissions_user).post(
        _url(earlier, flag),
        {"version": _version(flag), "keep_email": "later", "keep_insurance": "later",
         "keep_consent_sms": "later"},
    )  # fmt: skip

    assert response.status_code == 400
    assert "Both referrals have an assessment booked" in response.content.decode()
    assert _state() == before


def test_dismissing_says_they_are_two_people_for_good(pair, signed_in, admissions_user):
    flag, earlier, later = pair

    response = signed_in(admissions_user).post(
        _url(later, flag, "admissions:same_person_dismiss"), {"version": _version(flag)}
    )

    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.decided_by) == ("dismissed", admissions_user)
    earlier.refresh_from_db()
    later.refresh_from_db()
    assert not earlier.possible_same_person and not later.possible_same_person
    assert earlier.status == "new" and later.status == "new"
    for mine, theirs in ((earlier, later), (later, earlier)):
        assert AuditEvent.objects.filter(
            actor=admissions_user,
            object_id=str(mine.pk),
            detail__contains=f"not the same person as referral {theirs.pk}",
        ).exists()

    from admissions.services.same_person import same_person_flag

    same_person_flag(referral=later)  # looked at again (a later change of details)
    assert SamePersonFlag.objects.get().status == "dismissed"
    later.refresh_from_db()
    assert not later.possible_same_person
