"""The crisis path: acute safety answers open an emergent referral and queue the alert at once,
before the form is finished, and the next page is the crisis page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import FollowUp, Referral, ReferralScreening
from screening.models import Recommendation, Screening
from tests.applicant.flow import CALM, CRISIS_SAFETY, DETAILS, answer_until, post_step, step_url

pytestmark = pytest.mark.django_db


def test_acute_answers_open_an_emergent_referral_before_the_form_is_finished(
    client, on_call, django_capture_on_commit_callbacks
):
    answer_until(client, "mood")
    before = timezone.now()

    with django_capture_on_commit_callbacks() as callbacks:
        response = post_step(client, "safety", CRISIS_SAFETY)

    assert response["Location"] == "/screen/crisis/"
    screening = Screening.objects.get()
    assert screening.status == "draft"
    assert screening.crisis_at is not None
    assert screening.answers["asq_5"] is True  # the answers so far are stored
    referral = Referral.objects.get()
    assert referral.crisis is True
    assert (referral.urgency, referral.level, referral.status) == ("emergent", "inpatient", "new")
    assert "crisis" in referral.flags and " crisis " in referral.flags_text
    assert before + timedelta(hours=1) <= referral.due_at <= timezone.now() + timedelta(hours=1)
    assert ReferralScreening.objects.get(referral=referral).screening == screening
    alerts = FollowUp.objects.filter(referral=referral, kind="crisis_alert")
    assert alerts.filter(recipient_user=on_call).exists()
    assert alerts.filter(recipient_user=None).exists()  # the on-call address
    assert callbacks, "the alert is sent on commit"
    assert not Recommendation.objects.exists()


def test_the_crisis_page_offers_help_first_and_lets_the_person_continue(client):
    answer_until(client, "mood")
    post_step(client, "safety", CRISIS_SAFETY)

    page = client.get("/screen/crisis/").content.decode()

    for link in ('href="tel:988"', 'href="sms:988"', "988lifeline.org/chat", 'href="tel:911"',
                 "741741"):  # fmt: skip
        assert link in page
    assert "We've let our team know" in page.replace("&#x27;", "'")
    response = client.get("/screen/step/", follow=True)
    assert response.redirect_chain[-1][0] == step_url("anxiety")


def test_finishing_after_a_crisis_keeps_one_referral_flagged_as_crisis(client):
    answer_until(client, "mood")
    post_step(client, "safety", CRISIS_SAFETY)
    for step in ("anxiety", "trauma", "substance", "functioning", "history", "support",
                 "availability", "goals"):  # fmt: skip
        assert post_step(client, step, CALM[step]).status_code == 302
    assert post_step(client, "details", DETAILS).status_code == 302

    response = post_step(client, "review", {}, follow=True)

    assert response.redirect_chain[-1][0] == "/screen/result/"
    referral = Referral.objects.get()
    assert referral.crisis is True
    assert referral.urgency == "emergent"
    assert Recommendation.objects.get().crisis is True
    assert FollowUp.objects.filter(referral=referral, kind="confirmation").exists()
    assert "Please reach out for help now" in response.content.decode()


def test_calming_answers_after_a_crisis_never_lower_it(client):
    answer_until(client, "mood")
    post_step(client, "safety", CRISIS_SAFETY)
    post_step(client, "safety", CALM["safety"])
    answer_until(client, "details", {})  # everything else calm (about/consent re-sent)

    post_step(client, "review", {}, follow=True)

    referral = Referral.objects.get()
    recommendation = Recommendation.objects.get()
    # A crisis stands (spec 10.3): the recommendation records it despite the calm answers.
    assert (recommendation.crisis, recommendation.urgency, recommendation.level) == (
        True,
        "emergent",
        "inpatient",
    )
    assert (referral.crisis, referral.urgency, referral.level) == (True, "emergent", "inpatient")
    assert "crisis" in referral.flags


def test_declining_to_say_about_right_now_counts_as_a_crisis(client):
    answer_until(client, "mood")

    response = post_step(client, "safety", {**CRISIS_SAFETY, "asq_5": "declined"})

    assert response["Location"] == "/screen/crisis/"
    assert Referral.objects.get().crisis is True


def test_intent_to_harm_someone_now_is_a_crisis(client):
    answer_until(client, "mood")

    response = post_step(
        client, "safety", {**CALM["safety"], "harm_others": "true", "harm_others_now": "true"}
    )

    assert response["Location"] == "/screen/crisis/"
    assert Referral.objects.get().urgency == "emergent"


def test_without_script_the_crisis_page_follows_the_safety_follow_up_page(client):
    answer_until(client, "mood")
    gates = {code: value for code, value in CRISIS_SAFETY.items() if code != "asq_5"}

    response = post_step(client, "safety", gates)
    assert response["Location"] == step_url("safety-more")
    assert not Referral.objects.exists()

    response = post_step(client, "safety-more", {"asq_5": "true"})
    assert response["Location"] == "/screen/crisis/"
    assert Referral.objects.get().crisis is True


def test_a_positive_but_not_acute_asq_is_not_a_crisis(client):
    answer_until(client, "mood")

    response = post_step(client, "safety", {**CRISIS_SAFETY, "asq_5": "false"})

    # A positive screen without a crisis gets its acknowledgement (spec 10.2), not the crisis.
    assert response["Location"] == "/screen/safety-check/"
    assert Referral.objects.get().crisis is False
    assert Screening.objects.get().crisis_at is None


def test_the_crisis_is_recorded_in_one_transaction(client, monkeypatch):
    def broken(*, referral):
        raise RuntimeError("alert queue unavailable")

    monkeypatch.setattr("admissions.services.intake.followups_for_crisis", broken)
    answer_until(client, "mood")
    client.raise_request_exception = True

    with pytest.raises(RuntimeError):
        post_step(client, "safety", CRISIS_SAFETY)

    screening = Screening.objects.get()
    assert screening.crisis_at is None
    assert "asq_5" not in screening.answers
    assert not Referral.objects.exists()


def test_an_adolescent_in_crisis_is_flagged_as_such(client):
    from tests.applicant.flow import ABOUT

    year = timezone.localdate().year - 15
    answer_until(client, "mood", {"about": {**ABOUT, "dob_year": str(year)}})

    post_step(client, "safety", CRISIS_SAFETY)

    assert "adolescent" in Referral.objects.get().flags
