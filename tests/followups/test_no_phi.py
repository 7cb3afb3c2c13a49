"""Message bodies carry a greeting (first name only), what happens next and a link: never a
last name, contact details, answers, scores, level of care, flags or crisis wording for the
applicant, and no name at all for staff."""

import re

import pytest
from django.utils import translation

from admissions.models import FollowUp
from admissions.services.followup_messages import followup_message_build
from screening.choices import Level
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db

APPLICANT_CHANNELS = {
    FollowUp.Kind.CONFIRMATION: ("email", "sms"),
    FollowUp.Kind.RESUME_LINK: ("email",),
    FollowUp.Kind.NO_RESPONSE_1: ("email", "sms"),
    FollowUp.Kind.NO_RESPONSE_2: ("email", "sms"),
    FollowUp.Kind.NO_RESPONSE_3: ("email", "sms"),
}
STAFF_KINDS = (
    FollowUp.Kind.NEW_REFERRAL_ALERT,
    FollowUp.Kind.CRISIS_ALERT,
    FollowUp.Kind.DEADLINE_ESCALATION,
)
# What an English message says that a Spanish one must not.
ENGLISH_IN_MESSAGES = [
    "Hi ", "We ", "What happens next", "If you need help", "You are receiving", "call us",
    "Thank you", "Your link", "tried to reach", "About our",
]  # fmt: skip

# Words that would disclose clinical content about the applicant.
CLINICAL_WORDS = [
    "crisis",
    "suicid",
    "self-harm",
    "emergent",
    "urgent",
    "priority",
    "score",
    "phq",
    "gad",
    "asq",
    "audit",
    "diagnos",
    "depress",
    "anxiety",
    "substance",
    "alcohol",
    "safety_assessment",
    "adolescent",
    "level of care",
    "recommend",
]


@pytest.fixture
def referral(db):
    return make_referral(
        crisis=True,
        first_name="Marisol",
        last_name="Quintanilla-Verdugo",
        email="marisol.qv@example.com",
        phone="(555) 867-5309",
        insurance_carrier="Bluewater Mutual",
        zip_code="02139",
        consent_sms=True,
    )


def _render(referral, kind, channel, **extra):
    followup = FollowUp.objects.create(
        referral=None if kind == FollowUp.Kind.RESUME_LINK else referral,
        screening=referral.latest_screening if kind == FollowUp.Kind.RESUME_LINK else None,
        kind=kind,
        channel=channel,
        dedupe_key=f"{kind}:{channel}:{FollowUp.objects.count()}",
        scheduled_for=referral.created_at,
        **extra,
    )
    return followup_message_build(followup=followup)


def _phi_values(referral) -> list[str]:
    screening = referral.latest_screening
    values = [
        referral.last_name,
        referral.email,
        referral.phone,
        "8675309",
        referral.insurance_carrier,
        referral.zip_code,
        referral.date_of_birth.isoformat(),
        referral.date_of_birth.strftime("%B %-d, %Y"),
        # Scores: the words that would introduce one (bare numbers also occur in due times).
        "composite",
        "score",
        "phq",
        "gad-7",
    ]
    values += [label for value, label in Level.choices] + list(Level.values)
    values += list(referral.flags)
    values += [str(k) for k in screening.answers]  # answer codes, e.g. asq_1, phq9_9
    return values


def _assert_clean(text: str, forbidden: list[str]) -> None:
    lowered = text.lower()
    for value in forbidden:
        pattern = r"(?<![\w-])" + re.escape(value.lower()) + r"(?![\w-])"
        if value.isalpha() and len(value) <= 4:
            assert not re.search(pattern, lowered), f"{value!r} in message:\n{text}"
        else:
            assert value.lower() not in lowered, f"{value!r} in message:\n{text}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_applicant_messages_greet_by_first_name_and_disclose_nothing_else(referral, language):
    referral.site_language = language
    referral.save(update_fields=["site_language"])
    referral.latest_screening.site_language = language
    referral.latest_screening.save(update_fields=["site_language"])
    rendered = 0
    for kind, channels in APPLICANT_CHANNELS.items():
        for channel in channels:
            message = _render(referral, kind, channel)
            text = f"{message.subject}\n{message.body}"
            assert "Marisol" in message.body
            assert "http://" in message.body or "https://" in message.body
            _assert_clean(text, _phi_values(referral) + CLINICAL_WORDS)
            if channel == "sms":
                assert len(message.body) <= 320  # two SMS segments at most
            if language == "es":
                left = [phrase for phrase in ENGLISH_IN_MESSAGES if phrase in text]
                assert not left, f"English left in a Spanish {kind} {channel}: {left}\n{text}"
            rendered += 1
    assert rendered == 9


def test_staff_alerts_carry_a_link_and_no_name_or_answers(referral, settings):
    for kind in STAFF_KINDS:
        message = _render(referral, kind, "email")
        text = f"{message.subject}\n{message.body}"
        assert f"/staff/referrals/{referral.pk}/" in message.body
        forbidden = [*_phi_values(referral), "Marisol"]
        if kind == FollowUp.Kind.CRISIS_ALERT:  # the one thing on-call staff must be told
            forbidden.remove("crisis")
        else:
            forbidden.append("crisis")
        _assert_clean(text, forbidden)


def test_new_referral_alert_says_when_first_contact_is_due(referral):
    message = _render(referral, FollowUp.Kind.NEW_REFERRAL_ALERT, "email")
    assert message.body.startswith("A new referral needs first contact by ")


def test_resume_link_is_minted_at_send_time_and_only_its_hash_is_stored(referral):
    message = _render(referral, FollowUp.Kind.RESUME_LINK, "email")
    token = re.search(r"/screen/resume/([\w-]+)/", message.body).group(1)
    stored = referral.latest_screening.resume_tokens.get()
    assert stored.token_hash != token and token not in stored.token_hash


def test_messages_are_written_in_the_language_the_person_used_the_site_in(referral):
    referral.site_language = "es"
    referral.save(update_fields=["site_language"])
    message = _render(referral, FollowUp.Kind.CONFIRMATION, "email")
    assert message.body.startswith("Hola Marisol,")
    assert translation.get_language() in ("en-us", "en")  # the worker's language is restored


def test_care_in_spanish_alone_does_not_change_the_language_of_messages(referral):
    """Someone who read the site in English and asked for sessions in Spanish reads English."""
    referral.language = "es"
    referral.save(update_fields=["language"])
    message = _render(referral, FollowUp.Kind.CONFIRMATION, "email")
    assert message.body.startswith("Hi Marisol,")
