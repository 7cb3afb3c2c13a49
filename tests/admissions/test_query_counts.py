"""The queue and the review page run a fixed number of SQL queries, however many rows,
filters, notes or screenings there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from admissions.services.assessments import assessment_schedule
from admissions.services.offers import seat_offer_create
from admissions.services.overrides import recommendation_override
from admissions.services.referrals import contact_attempt_log, referral_note_add
from tests.admissions.factories import ReferralFactory, add_screening, make_referral
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db

# session, user, the second-factor device this session was verified with (django-otp's
# OTPMiddleware), the user's permissions and role names (one query, accounts.backends), the
# counts with the queue's version (one statement, which also sizes the paginator: no
# COUNT), the page of rows, its held seats and its booked assessments (one prefetch each),
# the staff to bulk-assign to, the audit row, and the crisis banner's open episodes (on
# every staff page). The session is not written when nothing in it changed.
QUEUE_QUERIES = 11
SESSION_WRITE = 1  # its one UPDATE (core.sessions: no savepoint, even inside a transaction)
FILTERS = {
    "status": "all",
    "urgency": "emergent",
    "level": "inpatient",
    "flag": "crisis",
    "assigned": "me",
    "overdue": "on",
    "submitted_from": "2020-01-01",
    "submitted_to": "2099-12-31",
    "q": "applicant",
}


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize("params", [{}, FILTERS, {"q": "555 2", "per_page": "100"}, {"page": "2"}])
def test_the_queue_runs_a_fixed_number_of_queries(
    size, params, signed_in, admissions_user, django_assert_num_queries
):
    overdue = timezone.now() - timedelta(hours=1)
    referrals = ReferralFactory.create_batch(
        size, assigned_to=admissions_user, crisis=True, due_at=overdue
    )
    _with_seats_and_assessments(referrals[: size // 2], admissions_user)
    client = signed_in(admissions_user)
    client.get("/staff/referrals/")  # first-request session bookkeeping
    with django_assert_num_queries(QUEUE_QUERIES + SESSION_WRITE):  # new filters: kept
        client.get("/staff/referrals/", {"per_page": "50", **params})

    with django_assert_num_queries(QUEUE_QUERIES):  # the same view again
        response = client.get("/staff/referrals/", {"per_page": "50", **params})
    if params.get("page"):
        return  # page 2 of 5 referrals shows the last page; of 50, a real second page

    assert response.status_code == 200
    assert len(response.context["queue"].rows) == min(size, 50)  # every filter matched rows


def _with_seats_and_assessments(referrals, staff):
    """Rows that show a held seat and a booked assessment (each a prefetch, not a query per
    row)."""
    program = ProgramFactory(capacity=len(referrals) + 1)
    for n, referral in enumerate(referrals):
        seat_offer_create(referral=referral, program=program, offered_by=staff)
        assessment_schedule(
            referral=referral,
            starts_at=timezone.now() + timedelta(days=1, hours=n),
            mode="video",
            clinician=staff,
            actor=staff,
        )


def _busy(referral, staff, clinician, extra: int):
    for n in range(extra):
        referral_note_add(referral=referral, author=staff, body=f"note {n}")
        contact_attempt_log(referral=referral, staff=staff, channel="phone", outcome="no_answer")
        add_screening(referral, level="iop")
        recommendation_override(
            referral=referral,
            clinician=clinician,
            level=["php", "outpatient"][n % 2],
            reason="Clinical picture differs from the screening, see notes here.",
        )


def _queries_to_review(client, referral) -> int:
    url = reverse("admissions:referral_detail", args=[referral.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_review_page_runs_a_fixed_number_of_queries(signed_in, admissions_user, clinician):
    """Sections other apps register add their own fixed cost, so this compares a quiet
    referral with a busy one rather than pinning a number."""
    quiet = make_referral(level="iop", consent_contact=True, email="q@example.com")
    _busy(quiet, admissions_user, clinician, 1)
    busy = make_referral(level="iop", consent_contact=True, email="b@example.com")
    _busy(busy, admissions_user, clinician, 6)
    client = signed_in(admissions_user)

    assert _queries_to_review(client, quiet) == _queries_to_review(client, busy)
