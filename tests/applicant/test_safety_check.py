"""A positive safety screen without a crisis (spec 10.2): an acknowledgement with help and,
in plain words, when a clinician will be in touch (the referral's own deadline); staff see a
"brief suicide safety assessment due" task with that deadline. And PHQ-9 item 9 above 0 gets
a supportive note with the 988 line, with the safety questions right after mood."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone

from admissions.models import FollowUp, Referral
from admissions.promises import when_words
from core import roles
from screening.models import Screening
from tests.admissions.factories import make_staff, sign_in_verified
from tests.applicant.flow import CALM, CONTACT, answer_until, complete, post_step, step_url

pytestmark = pytest.mark.django_db

PAST_WEEK = {**CALM["safety"], "asq_3": "true", "asq_5": "false"}  # safety 4: urgent
WISHED_DEAD = {**CALM["safety"], "asq_1": "true", "asq_5": "false"}  # safety 3: priority


@pytest.mark.parametrize(
    ("answers", "urgency", "hours"),
    [(PAST_WEEK, "urgent", 4), (WISHED_DEAD, "priority", 24)],
    ids=["thoughts-past-week", "wished-dead"],
)
def test_the_person_is_told_who_will_call_and_by_when(client, answers, urgency, hours):
    answer_until(client, "mood")

    response = post_step(client, "safety", answers)

    assert response["Location"] == "/screen/safety-check/"
    referral = Referral.objects.get()
    assert (referral.urgency, referral.crisis) == (urgency, False)
    assert "safety_assessment" in referral.flags
    assert abs((referral.due_at - referral.created_at).total_seconds() - hours * 3600) < 60
    page = client.get("/screen/safety-check/").content.decode().replace("&#x27;", "'")
    assert "Thank you for telling us" in page
    assert (
        f"A clinician from Harbor Light Behavioral Health will call you by "
        f"{when_words(referral.due_at)}, to check how you are and talk about your safety."
    ) in page
    assert 'href="tel:988"' in page and 'href="tel:911"' in page
    assert "Continue the screener" in page


def test_continuing_goes_on_to_the_next_questions(client):
    answer_until(client, "mood")
    post_step(client, "safety", PAST_WEEK)

    response = client.get("/screen/step/", follow=True)

    assert response.redirect_chain[-1][0] == step_url("anxiety")


def test_staff_are_alerted_at_once_and_see_the_assessment_task_with_that_deadline(client):
    admissions = make_staff(roles.ADMISSIONS)
    answer_until(client, "mood")
    post_step(client, "safety", PAST_WEEK)
    referral = Referral.objects.get()

    alerts = FollowUp.objects.filter(referral=referral)
    # The admissions desk is alerted; the person's confirmation waits for their answers.
    assert [(f.kind, f.recipient_user) for f in alerts] == [("new_referral_alert", admissions)]
    staff = client.__class__()
    sign_in_verified(staff, make_staff(roles.CLINICIAN))
    page = staff.get(reverse("admissions:referral_detail", args=[referral.pk])).content.decode()
    due = formats.date_format(timezone.localtime(referral.due_at), "D M j, g:i A T")
    assert f"Task: brief suicide safety assessment due by {due}" in page
    queue = staff.get("/staff/referrals/").content.decode()
    assert "Safety assessment due" in queue


def test_finishing_later_keeps_the_one_referral_and_its_deadline(client):
    answer_until(client, "mood")
    post_step(client, "safety", PAST_WEEK)
    due_at = Referral.objects.get().due_at

    complete(client, {"safety": PAST_WEEK})

    referral = Referral.objects.get()
    assert referral.due_at == due_at
    assert referral.urgency == "urgent"
    assert FollowUp.objects.filter(referral=referral, kind="confirmation").exists()


def test_an_urgent_call_without_a_phone_number_asks_for_one_and_stores_it_at_once(client):
    answer_until(
        client, "mood", {"contact": {**CONTACT, "preferred_contact": "email", "phone": ""}}
    )
    post_step(client, "safety", PAST_WEEK)

    page = client.get("/screen/safety-check/").content.decode().replace("&#x27;", "'")
    assert "will email you by" in page  # what will happen until a number is given
    assert "we don't have a phone number for you" in page

    bad = client.post("/screen/safety-check/", {"callback-phone": "12345"})
    assert bad.status_code == 400
    assert "10-digit phone number" in bad.content.decode()
    assert Screening.objects.get().phone == ""

    good = client.post("/screen/safety-check/", {"callback-phone": "555 010 0177"}, follow=True)
    assert "We have your phone number" in good.content.decode()
    referral = Referral.objects.get()
    assert (referral.phone, referral.phone_key) == ("(555) 010-0177", "5550100177")
    assert Screening.objects.get().phone == "(555) 010-0177"
    assert "will call you by" in good.content.decode()


def test_a_negative_screen_goes_straight_on(client):
    answer_until(client, "mood")

    response = post_step(client, "safety", CALM["safety"])

    assert response["Location"] == step_url("anxiety")
    assert not Referral.objects.exists()


# --- PHQ-9 item 9 -------------------------------------------------------------------------


def test_the_mood_page_carries_the_item_9_note_for_script_to_reveal(client):
    answer_until(client, "contact")

    page = client.get(step_url("mood")).content.decode()

    note = page[page.index('data-testid="item9-note"') - 200 :]
    assert 'data-when="phq9_9" data-values="1 2 3" data-prefix="mood"' in note[:400]
    assert "hidden" in note[: note.index(">", 200)]
    assert 'aria-live="polite"' in page
    assert 'href="tel:988"' in note[:1200]


def test_a_saved_item_9_answer_shows_the_note_and_leads_into_the_safety_questions(client):
    answer_until(client, "mood", {"mood": {**CALM["mood"], "phq9_9": "2"}})

    mood = client.get(step_url("mood")).content.decode()
    note_tag = mood[mood.index('data-testid="item9-note"') :]
    assert not note_tag[: note_tag.index(">")].endswith("hidden")
    safety = client.get(step_url("safety")).content.decode().replace("&#x27;", "'")
    assert "you've had thoughts that you'd be better off dead" in safety
    assert "Step 5 of 14" in safety  # straight after mood


def test_no_item_9_lead_in_when_the_answer_was_not_at_all(client):
    answer_until(client, "mood")

    safety = client.get(step_url("safety")).content.decode()

    assert 'data-testid="item9-lead"' not in safety
