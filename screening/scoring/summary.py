"""The applicant's plain-language summary: what kind of care may fit and what happens next.

No scores, ratings, instrument names or clinical codes: only what a person needs to know.
"""

from typing import Final

CRISIS: Final = (
    "Your answers tell us that you, or someone else, may not be safe right now. Please don't "
    "wait for us to reach you: call or text 988 (the Suicide & Crisis Lifeline), call 911, or "
    "go to the nearest emergency room now."
)

CARE: Final = {
    "outpatient": (
        "From your answers, regular outpatient care may suit you: for example, meeting with a "
        "therapist or counselor about once a week."
    ),
    "iop": (
        "From your answers, an intensive outpatient program may suit you. This usually means "
        "group and one-to-one sessions for a few hours at a time, several days a week, while "
        "you carry on living at home."
    ),
    "php": (
        "From your answers, a day treatment program (also called partial hospitalization) may "
        "suit you. This usually means treatment for most of the day, several days a week, "
        "going home each evening."
    ),
    "inpatient": (
        "From your answers, you may need more support than a day program can give, such as a "
        "stay in a hospital or a residential program, where help is there around the clock."
    ),
}

CONTACT: Final = {
    "emergent": "Our team has been alerted and will try to reach you straight away.",
    "urgent": "Someone from our team will contact you within the next few hours.",
    "priority": "Someone from our team will contact you within about a day.",
    "routine": "Someone from our team will contact you within a few days.",
}

FLAG_NOTES: Final = (
    (
        "medical_review",
        "Some of your answers suggest a doctor should check on your physical health. If you "
        "need urgent medical care, call 911 or go to an emergency room. Stopping alcohol or "
        "some medicines suddenly can be dangerous, so please talk to a doctor before you cut "
        "down.",
    ),
    (
        "step_down",
        "As you recently left a hospital or treatment program, we will aim to keep your care "
        "going without a gap.",
    ),
    (
        "schedule_barrier",
        "You told us your time each week is limited. We will talk with you about schedules "
        "and options that could work for you.",
    ),
    (
        "limited_support",
        "If things at home, or getting to appointments, are hard right now, we can talk about "
        "help with that too.",
    ),
    (
        "low_readiness",
        "It's okay not to feel ready. We can talk through what treatment involves and what "
        "might make it easier to start.",
    ),
)

CLOSING: Final = (
    "This is a first suggestion, not a diagnosis. A member of our clinical team will go "
    "through it with you, and together you will decide what fits best."
)


def applicant_summary(level: str, crisis: bool, urgency: str, flags: list[str]) -> list[str]:
    sentences = [CRISIS] if crisis else []
    sentences.append(CARE[level])
    sentences.append(CONTACT[urgency])
    sentences.extend(note for flag, note in FLAG_NOTES if flag in flags)
    sentences.append(CLOSING)
    return sentences
