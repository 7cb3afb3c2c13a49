"""Staff set the source and referring provider, and verify insurance (by hand or through
the X12 eligibility adapter and the local fake clearinghouse): every view of the insurance
page audited, every change kept with its old and new value, nothing refused changes
anything; the queue filters by source and awaiting verification; the CSV carries both."""

import csv
import io
import logging

import pytest
from django.test import override_settings

from admissions.models import FieldChange, InsuranceVerification, Referral
from audit.models import AuditEvent
from core import roles
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral():
    return make_referral(first_name="Rosa", last_name="Diaz", insurance_carrier="Aetna")


@pytest.fixture
def clearinghouse():
    from admissions.eligibility.fake_clearinghouse import serve

    server = serve()
    with override_settings(ELIGIBILITY_URL=f"http://127.0.0.1:{server.server_address[1]}/"):
        yield
    server.shutdown()


def test_staff_set_the_source_and_the_change_is_kept_with_old_and_new(
    signed_in, admissions_user, referral
):
    client = signed_in(admissions_user)
    page = client.get(f"/staff/referrals/{referral.pk}/source/")
    assert page.status_code == 200
    data = {
        "source": "clinician",
        "referring_provider_name": "Dr. Kim",
        "referring_provider_organisation": "Harbor Primary Care",
        "referring_provider_phone": "555-0100",
        "referring_provider_email": "kim@harbor.example.org",
    }
    assert client.post(f"/staff/referrals/{referral.pk}/source/", data).status_code == 302
    referral.refresh_from_db()
    assert (referral.source, referral.referring_provider_name) == ("clinician", "Dr. Kim")
    changes = {c.field: (c.old_value, c.new_value) for c in FieldChange.objects.all()}
    assert changes["source"] == ("", "clinician")
    assert changes["referring_provider_name"] == ("", "Dr. Kim")
    event = AuditEvent.objects.filter(action="change", object_id=str(referral.pk)).get()
    assert "referring_provider_name" in event.fields and "Dr. Kim" not in event.detail
    detail = client.get(f"/staff/referrals/{referral.pk}/").content.decode()
    assert "Doctor or therapist" in detail and "Dr. Kim" in detail


def test_a_bad_source_edit_changes_nothing(signed_in, admissions_user, referral):
    client = signed_in(admissions_user)
    response = client.post(
        f"/staff/referrals/{referral.pk}/source/",
        {"source": "carrier-pigeon", "referring_provider_email": "not-an-email"},
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert not FieldChange.objects.exists()


def test_clinicians_see_the_source_but_may_not_change_it(signed_in, clinician, referral):
    client = signed_in(clinician)
    assert client.get(f"/staff/referrals/{referral.pk}/source/").status_code == 200
    assert (
        client.post(f"/staff/referrals/{referral.pk}/source/", {"source": "other"}).status_code
        == 403
    )
    assert client.get(f"/staff/referrals/{referral.pk}/insurance/").status_code == 403


def test_program_admins_cannot_even_tell_a_referral_exists(signed_in, staff_user, referral):
    client = signed_in(staff_user(roles.PROGRAM_ADMIN))
    assert client.get(f"/staff/referrals/{referral.pk}/source/").status_code == 404
    assert client.get(f"/staff/referrals/{referral.pk}/insurance/").status_code == 404


def test_every_view_of_the_insurance_page_is_audited(signed_in, admissions_user, referral):
    client = signed_in(admissions_user)
    for _ in range(2):
        assert client.get(f"/staff/referrals/{referral.pk}/insurance/").status_code == 200
    views = AuditEvent.objects.filter(
        action="view", object_id=str(referral.pk), detail="insurance viewed"
    )
    assert views.count() == 2


def test_verifying_by_hand_records_who_when_and_each_old_and_new_value(
    signed_in, admissions_user, referral
):
    client = signed_in(admissions_user)
    data = {
        "status": "in_network",
        "carrier": "Aetna",
        "payer_id": "60054",
        "plan": "Gold HMO",
        "member_id": "W123456789",
        "group_number": "G-1",
        "coverage_start": "2026-01-01",
        "coverage_end": "2026-12-31",
        "benefit_notes": "IOP covered, prior authorization",
        "cost_notes": "$40 copay",
    }
    assert client.post(f"/staff/referrals/{referral.pk}/insurance/", data).status_code == 302
    verification = InsuranceVerification.objects.get(referral=referral)
    assert verification.verified_by == admissions_user and verification.verified_at
    referral.refresh_from_db()
    assert referral.insurance_status == "in_network"
    client.post(f"/staff/referrals/{referral.pk}/insurance/", {**data, "plan": "Silver PPO"})
    change = FieldChange.objects.filter(field="plan").order_by("-id").first()
    assert (change.old_value, change.new_value) == ("Gold HMO", "Silver PPO")
    for event in AuditEvent.objects.all():  # the trail holds ids and field names, no values
        assert "W123456789" not in f"{event.detail} {event.fields}"


def test_coverage_ending_before_it_starts_is_refused(signed_in, admissions_user, referral):
    response = signed_in(admissions_user).post(
        f"/staff/referrals/{referral.pk}/insurance/",
        {"status": "in_progress", "coverage_start": "2026-12-31", "coverage_end": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "Coverage can&#x27;t end before it starts." in response.content.decode()
    assert not InsuranceVerification.objects.exists()


def _save(client, referral, member_id):
    client.post(
        f"/staff/referrals/{referral.pk}/insurance/",
        {"status": "in_progress", "carrier": "Aetna", "payer_id": "60054", "member_id": member_id},
    )


@pytest.mark.parametrize(
    ("member", "status", "plan"),
    [
        ("W100200300", "in_network", "GOLD HMO"),
        ("OON4455", "out_of_network", "SILVER PPO"),
        ("INACTIVE9", "no_coverage", ""),
    ],
)
def test_the_eligibility_check_through_the_fake_clearinghouse(
    signed_in, admissions_user, referral, clearinghouse, caplog, member, status, plan
):
    client = signed_in(admissions_user)
    _save(client, referral, member)
    with caplog.at_level(logging.DEBUG):
        response = client.post(f"/staff/referrals/{referral.pk}/insurance/check/", follow=True)
    assert "Eligibility checked" in response.content.decode()
    verification = InsuranceVerification.objects.get(referral=referral)
    assert verification.status == status and verification.plan == plan
    assert verification.check_reference and verification.checked_at
    referral.refresh_from_db()
    assert referral.insurance_status == status
    assert member not in caplog.text and "Diaz" not in caplog.text  # nothing of it logged


def test_a_rejected_check_says_why_and_changes_nothing(
    signed_in, admissions_user, referral, clearinghouse
):
    client = signed_in(admissions_user)
    _save(client, referral, "NOTFOUND1")
    before = FieldChange.objects.count()
    response = client.post(f"/staff/referrals/{referral.pk}/insurance/check/", follow=True)
    assert "The payer rejected the check: Subscriber not found." in response.content.decode()
    assert FieldChange.objects.count() == before
    assert InsuranceVerification.objects.get(referral=referral).status == "in_progress"


def test_no_clearinghouse_configured_is_said_plainly(signed_in, admissions_user, referral):
    client = signed_in(admissions_user)
    _save(client, referral, "W1")
    with override_settings(ELIGIBILITY_URL=""):
        response = client.post(f"/staff/referrals/{referral.pk}/insurance/check/", follow=True)
    assert "Electronic eligibility checks are not set up here." in response.content.decode()


def test_the_queue_filters_by_source_and_awaiting_verification(signed_in, administrator):
    a = make_referral(first_name="Alma", source="search", insurance_status="not_started")
    b = make_referral(first_name="Bea", source="clinician", insurance_status="in_progress")
    c = make_referral(first_name="Cruz", source="", insurance_status="in_network")
    client = signed_in(administrator)

    def names(params):
        rows = client.get("/staff/referrals/", params).context["queue"].rows
        return {r.first_name for r in rows}

    assert names({"source": "search"}) == {a.first_name}
    assert names({"source": "none"}) == {c.first_name}
    assert names({"insurance": "awaiting"}) == {a.first_name, b.first_name}
    assert names({"insurance": "in_network"}) == {c.first_name}
    export = client.get("/staff/referrals/export.csv", {"source": "clinician"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [(r["First name"], r["Source"], r["Insurance status"]) for r in rows] == [
        ("Bea", "Doctor or therapist", "In progress")
    ]


def test_administrators_manage_partner_links(signed_in, administrator, admissions_user):
    client = signed_in(administrator)
    response = client.post(
        "/staff/partners/",
        {"new-code": "Harbor-PCP", "new-organisation": "Harbor Primary Care",
         "new-contact_name": "Miguel Torres", "new-active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get("/staff/partners/").content.decode()
    assert "/screen/?ref=harbor-pcp" in page
    bad = client.post(
        "/staff/partners/",
        {"new-code": "no spaces!", "new-organisation": "X", "new-contact_name": "Y"},
    )
    assert bad.status_code == 400
    assert signed_in(admissions_user).get("/staff/partners/").status_code == 403
    assert AuditEvent.objects.filter(object_type="referral_partner").count() == 1
    assert Referral.objects.count() == 0
