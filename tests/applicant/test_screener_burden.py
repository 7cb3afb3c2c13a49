"""Pages and taps for five personas, counted by driving the screener as they would (with
script: conditional questions answered in place). A tap is one choice, one box ticked, one
text box entered, or one button; typing is not counted, nor is a choice left at the answer the
page has already chosen (``PRESET``). Minutes are estimated at 4 s a tap
plus 15 s of reading a page. The figures are in docs/screener.md: a change that makes the
screener longer must update them there."""

import pytest
from django.utils import timezone

from tests.applicant.flow import (
    ABOUT,
    CALM,
    CONSENT,
    CONTACT,
    CRISIS_SAFETY,
    DETAILS,
    GUARDIAN,
    TOPIC_ORDER,
    post_step,
    step_url,
)

pytestmark = pytest.mark.django_db


PRESET = {"preferred_contact": "phone", "language": "en", "best_time": "any"}
"""Choices the pages make already (a phone call, care in English, any time)."""


def _taps(data: dict) -> int:
    return sum(
        len(v) if isinstance(v, list) else 1
        for name, v in data.items()
        if v not in ("", []) and PRESET.get(name) != v
    )


def _walk(client, pages: list[tuple[str, dict]]) -> dict[str, float]:
    count, taps = 1, 1  # the start page and its Start button
    for step, data in pages:
        response = post_step(client, step, data)
        assert response.status_code == 302, step
        count, taps = count + 1, taps + _taps(data) + 1
        location = response["Location"]
        if not location.startswith("/screen/step/"):
            count += 1  # the page it ends on (result, crisis, too young)
            break
        if location == step_url("guardian") and step == "about":
            pages.insert(pages.index((step, data)) + 1, ("guardian", GUARDIAN))
    return {"pages": count, "taps": taps, "minutes": round((taps * 4 + count * 15) / 60, 1)}


def _everything(about=ABOUT, answers=None) -> list[tuple[str, dict]]:
    answers = {**CALM, **(answers or {})}
    return (
        [("about", about), ("consent", CONSENT), ("contact", CONTACT)]
        + [(t, answers[t]) for t in TOPIC_ORDER]
        + [("details", DETAILS), ("source", {}), ("review", {})]
    )


PERSONAS = {
    "typical adult": (_everything(), {"pages": 18, "taps": 76, "minutes": 9.6}),
    "adult with trauma and drinking": (
        _everything(
            answers={
                "trauma": {"pcptsd_trauma": "true", **{f"pcptsd_{n}": "true" for n in range(1, 6)}},
                "substance": {**CALM["substance"], "auditc_1": "2", "auditc_2": "1",
                              "auditc_3": "1"},
            }
        ),
        {"pages": 18, "taps": 83, "minutes": 10.0},
    ),
    "adolescent (15)": (
        _everything(about={**ABOUT, "dob_year": str(timezone.localdate().year - 15)}),
        {"pages": 19, "taps": 80, "minutes": 10.1},
    ),
    "adult in crisis": (
        [("about", ABOUT), ("consent", CONSENT), ("contact", CONTACT), ("mood", CALM["mood"]),
         ("safety", CRISIS_SAFETY)],
        {"pages": 7, "taps": 30, "minutes": 3.8},
    ),
    "11-year-old": (
        [("about", {**ABOUT, "dob_year": str(timezone.localdate().year - 11)})],
        {"pages": 3, "taps": 5, "minutes": 1.1},
    ),
}  # fmt: skip


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_and_taps_per_persona(client, on_call, persona):
    pages, expected = PERSONAS[persona]
    assert _walk(client, list(pages)) == expected
