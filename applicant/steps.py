"""The screener's pages, in order: fourteen topics (age, consent and how to reach the person
first; then the clinical questions; then the rest of the person's details), three follow-up
pages used when a topic's conditional questions could not be shown inline (no JavaScript), the
optional source page and the review page.

Step names appear in URLs (``/screen/step/mood/``); they name topics, never answers.
"""

from dataclasses import dataclass
from typing import Final

from django.utils.translation import gettext_noop

from screening.scoring.items import ITEMS_BY_CODE
from screening.scoring.questions import GROUPS

GROUPS_BY_KEY: Final = {group.key: group for group in GROUPS}


@dataclass(frozen=True, slots=True)
class Topic:
    step: str
    title: str
    """Marked English (``applicant.wording.say`` shows it in the page's language)."""
    number: int


TOPICS: Final[tuple[Topic, ...]] = tuple(
    Topic(step, title, number)
    for number, (step, title) in enumerate(
        (
            ("about", gettext_noop("About you")),
            ("consent", gettext_noop("Your consent")),
            # Only what the crisis pathway needs to reach the person, before the questions.
            ("contact", gettext_noop("How can we reach you?")),
            ("mood", GROUPS_BY_KEY["mood"].title),
            # Safety straight after mood, whose last item asks about thoughts of death or
            # self-harm (spec 10.2).
            ("safety", GROUPS_BY_KEY["safety"].title),
            ("anxiety", GROUPS_BY_KEY["anxiety"].title),
            ("trauma", GROUPS_BY_KEY["trauma"].title),
            ("substance", GROUPS_BY_KEY["substance"].title),
            ("functioning", GROUPS_BY_KEY["functioning"].title),
            ("history", GROUPS_BY_KEY["history"].title),
            ("support", GROUPS_BY_KEY["support"].title),
            ("availability", GROUPS_BY_KEY["availability"].title),
            ("goals", GROUPS_BY_KEY["goals"].title),
            # The rest of the contact, address and insurance details: program matching needs
            # the state and ZIP, which arrive here, before the review.
            ("details", gettext_noop("A few more details")),
        ),
        start=1,
    )
)
TOPIC_BY_STEP: Final = {topic.step: topic for topic in TOPICS}
TOPIC_COUNT: Final = len(TOPICS)

FOLLOW_UP_SUFFIX: Final = "-more"
FOLLOW_UPS: Final = {
    f"{topic}{FOLLOW_UP_SUFFIX}": topic for topic in ("safety", "trauma", "substance")
}
"""Follow-up page -> the topic whose conditional questions it asks."""

REVIEW: Final = "review"
SOURCE: Final = "source"
"""The optional "How did you hear about us?" page (``forms.source``), just before review."""
GUARDIAN: Final = "guardian"
"""A parent or guardian's contact: asked only of applicants under 18, after "about you"."""
PART_OF: Final = {**FOLLOW_UPS, GUARDIAN: "about"}
"""Pages that belong to a topic without being its first page."""

ORDER: Final[tuple[str, ...]] = (
    "about",
    GUARDIAN,
    "consent",
    "contact",
    "mood",
    "safety",
    "safety-more",
    "anxiety",
    "trauma",
    "trauma-more",
    "substance",
    "substance-more",
    "functioning",
    "history",
    "support",
    "availability",
    "goals",
    "details",
    SOURCE,
    REVIEW,
)
"""Every page, in order (the conditional ones are skipped when not needed)."""


def topic_of(step: str) -> Topic | None:
    return TOPIC_BY_STEP.get(PART_OF.get(step, step))


def conditional_codes(topic: str) -> tuple[str, ...]:
    """Codes of the topic's questions that are asked only when another answer calls for them."""
    group = GROUPS_BY_KEY.get(topic)
    if group is None:
        return ()
    return tuple(q.code for q in group.questions if ITEMS_BY_CODE[q.code].condition is not None)


ANSWER_STEP: Final[dict[str, str]] = {
    question.code: group.key for group in GROUPS for question in group.questions
}
"""Answer code -> the topic step that asks it (``age`` comes from the about step)."""
