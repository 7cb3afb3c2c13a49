"""The whole screener through the Django test client: submit, score once, open the referral,
show the result in plain words."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from admissions.models import DeadlinePolicy, FollowUp, Referral, ReferralScreening, StatusChange
from admissions.promises import when_words
from screening.models import Recommendation, Screening
from screening.scoring import RULE_SET_VERSION
from tests.applicant.flow import CALM, answer_until, complete, post_step, step_url

pytestmark = pytest.mark.django_db
SUBMIT_STATEMENTS = {"sqlite": 17, "postgresql": 12}
"""The final submit's statements. PostgreSQL runs five fewer: the new referral, its first
status, its link, its audit event and its follow-ups are one statement there, and so are the
draft's claim and its recommendation (``core.inserts``)."""


def test_the_full_flow_stores_the_screening_its_result_and_a_new_referral(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        response = complete(client)

    assert response.redirect_chain[-1][0] == "/screen/result/"
    screening = Screening.objects.get()
    assert screening.status == "submitted"
    assert screening.submitted_at is not None
    assert screening.answers["days_available"] == ["mon", "wed"]
    assert screening.answers["goals"] == ["symptom_relief", "coping_skills"]

    recommendation = Recommendation.objects.get(screening=screening)
    assert recommendation.rule_set == RULE_SET_VERSION
    assert (recommendation.level, recommendation.urgency) == ("outpatient", "routine")
    assert recommendation.composite == 7
    assert set(recommendation.domains) >= {"safety", "symptoms", "engagement"}
    assert recommendation.reasons

    referral = Referral.objects.get()
    assert referral.status == "new"
    assert (referral.level, referral.urgency, referral.crisis) == ("outpatient", "routine", False)
    assert referral.latest_screening == screening
    assert referral.due_at == screening.submitted_at + timedelta(hours=72)
    assert (referral.email_key, referral.phone_key) == ("robin.vale@example.org", "5550100142")
    assert ReferralScreening.objects.filter(referral=referral, screening=screening).exists()
    assert StatusChange.objects.get(referral=referral).to_status == "new"
    assert FollowUp.objects.filter(referral=referral, kind="confirmation").exists()


def test_the_result_page_speaks_plainly(client):
    response = complete(client)

    page = response.content.decode()
    assert "Thank you, Robin" in page
    # The promise is the referral's own deadline and the channel staff will use.
    due = when_words(Referral.objects.get().due_at)
    assert f"Someone from Harbor Light Behavioral Health will call you by {due}." in page
    assert "regular outpatient care may suit you" in page
    assert 'href="tel:988"' in page
    for jargon in ("PHQ", "GAD", "composite", "outpatient_insufficient", "routine", "score"):
        assert jargon not in page


def test_the_flags_and_urgency_of_the_result_reach_the_referral(client):
    overrides = {
        "mood": {**{f"phq9_{n}": "2" for n in range(1, 10)}, "phq9_9": "0",
                 "phq9_difficulty": "2"},
        "functioning": {"missed_days": "4", "self_care": "2"},
        "support": {**CALM["support"], "living_situation": "homeless"},
    }  # fmt: skip
    complete(client, overrides)

    referral = Referral.objects.get()
    recommendation = Recommendation.objects.get()
    assert referral.level == recommendation.level == "php"
    assert referral.urgency == recommendation.urgency == "priority"
    assert "limited_support" in referral.flags
    assert referral.flags_text == f" {' '.join(recommendation.flags)} "


def test_an_administrators_deadline_policy_sets_the_due_time(client):
    DeadlinePolicy.objects.create(urgency="routine", hours=48)

    complete(client)

    screening = Screening.objects.get()
    assert Referral.objects.get().due_at == screening.submitted_at + timedelta(hours=48)
    page = client.get("/screen/result/").content.decode()
    assert f"will call you by {when_words(Referral.objects.get().due_at)}" in page


def test_submitting_again_or_going_back_creates_nothing_new(client):
    complete(client)

    again = post_step(client, "review", {}, follow=True)
    done = client.get(step_url("done"), follow=True)
    back = client.get(step_url("goals"), follow=True)

    for response in (again, done, back):
        assert response.redirect_chain[-1][0] == "/screen/result/"
    assert Recommendation.objects.count() == 1
    assert Referral.objects.count() == 1


def test_a_draft_missing_an_answer_is_sent_back_to_that_page_kindly(client):
    answer_until(client, "details")
    screening = Screening.objects.get()
    del screening.answers["gad7_3"]
    screening.save()

    response = post_step(client, "review", {}, follow=True)

    assert response.redirect_chain[-1][0] == step_url("anxiety")
    assert "save properly" in response.content.decode()
    assert not Recommendation.objects.exists()
    assert Screening.objects.get().status == "draft"


def test_the_review_page_lists_every_answer_with_a_change_link(client):
    answer_until(client, "details")

    page = client.get(step_url("review")).content.decode()

    assert "Check your answers" in page
    assert "<dd>Robin</dd>" in page and "<dd>Vale</dd>" in page
    assert 'href="/screen/step/contact/"' in page and 'href="/screen/step/details/"' in page
    assert "April 12, 1990" in page
    assert "Feeling nervous, anxious or on edge" in page
    assert "Not at all" in page
    assert 'href="/screen/step/trauma/"' in page
    assert "Monday, Wednesday" in page


def test_changing_an_answer_from_the_review_page_returns_to_it(client):
    answer_until(client, "details")
    client.get(step_url("review"))

    response = post_step(client, "anxiety", {**CALM["anxiety"], "gad7_1": "3"})

    assert response["Location"] == step_url("review")
    assert Screening.objects.get().answers["gad7_1"] == 3


def test_a_changed_gate_on_review_asks_its_follow_up_first(client):
    answer_until(client, "details")
    client.get(step_url("review"))

    response = post_step(client, "trauma", {"pcptsd_trauma": "true"})
    assert response["Location"] == step_url("trauma-more")

    response = post_step(client, "trauma-more", {f"pcptsd_{n}": "false" for n in range(1, 6)})
    assert response["Location"] == step_url("review")


def test_sending_the_review_submits_in_that_one_request_with_a_pinned_statement_count(
    client, django_assert_num_queries
):
    """The review page's POST validates (once, by the rule set), scores, opens the referral
    and queues its follow-ups, then redirects straight to the result page. Its statements
    are pinned: a change that adds one (say, re-reading or re-validating) shows here."""
    answer_until(client, "source")
    client.get(step_url("review"))

    with django_assert_num_queries(SUBMIT_STATEMENTS[connection.vendor]):
        response = client.post(step_url("review"), {"screener-current_step": "review"})

    assert response.status_code == 302
    assert response["Location"] == "/screen/result/"
    assert Screening.objects.get().status == "submitted"
    assert Referral.objects.count() == 1
    assert FollowUp.objects.filter(kind="confirmation").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_session_is_written_in_the_submissions_own_commit(client):
    """Kept only to show the result, in the same transaction as the submission, and not
    written a second time by the middleware."""
    answer_until(client, "source")
    client.get(step_url("review"))

    seen = []

    def note(execute, sql, params, many, context):
        if "django_session" in sql:
            seen.append((sql.split()[0], connection.in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        client.post(step_url("review"), {"screener-current_step": "review"})

    # Read by the middleware, written once, inside the submission's transaction.
    assert seen == [("SELECT", False), ("UPDATE", True)]
    session = Session.objects.get()
    assert session.expire_date - timezone.now() <= timedelta(
        seconds=settings.SCREENER_RESULT_SESSION_AGE
    )
    assert "wizard_" not in str(session.get_decoded())


def test_a_session_ended_meanwhile_leaves_the_submission_standing(client, monkeypatch):
    from applicant.views import wizard

    answer_until(client, "source")
    client.get(step_url("review"))
    submit = wizard.referral_open_for_submission

    def submit_then_session_ends(**kwargs):
        intake = submit(**kwargs)
        Session.objects.all().delete()  # another tab ended it, say
        return intake

    monkeypatch.setattr(wizard, "referral_open_for_submission", submit_then_session_ends)
    response = client.post(step_url("review"), {"screener-current_step": "review"})

    assert response.status_code == 400  # the middleware's SessionInterrupted, as before
    assert Screening.objects.get().status == "submitted"
    assert Referral.objects.count() == 1
