"""How the deadline reads on staff pages."""

from datetime import UTC, date, datetime, timedelta

import pytest

from admissions.display import age_on, attempts_summary, deadline_state, humanize_span

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(hours=3, minutes=20, seconds=59), "3 h 20 min"),
        (timedelta(hours=2), "2 h"),
        (timedelta(minutes=45), "45 min"),
        (timedelta(seconds=20), "under 1 min"),
        (timedelta(days=2, hours=4, minutes=10), "2 d 4 h"),
        (timedelta(days=3), "3 d"),
        (-timedelta(hours=2, minutes=5), "2 h 5 min"),
    ],
)
def test_spans_read_like_a_person_would_say_them(span, text):
    assert humanize_span(span) == text


def _state(due_in, reached_at=None, met=None, is_open=True):
    return deadline_state(
        due_at=NOW + due_in,
        reached_at=reached_at,
        deadline_met=met,
        is_open=is_open,
        now=NOW,
    )


def test_open_and_not_yet_reached():
    assert _state(timedelta(hours=3, minutes=20)) == ("due", "Due in 3 h 20 min")
    assert _state(-timedelta(hours=2)) == ("overdue", "Overdue by 2 h")


def test_once_the_person_is_reached_the_deadline_is_settled():
    met = _state(timedelta(hours=1), reached_at=NOW, met=True)
    late = _state(-timedelta(hours=3), reached_at=NOW, met=False)
    assert met == ("met", "Reached in time")
    assert late == ("missed", "Reached 3 h late")


def test_an_ended_referral_never_reached_is_not_overdue():
    assert _state(-timedelta(days=3), is_open=False) == ("none", "Not reached")


def test_attempts_read_as_a_count_and_the_last_outcome():
    labels = {"voicemail": "Voicemail left"}
    assert attempts_summary(0, "", labels) == ""
    assert attempts_summary(1, "voicemail", labels) == "1 attempt, last: voicemail left"
    assert attempts_summary(3, "voicemail", labels) == "3 attempts, last: voicemail left"


def test_age_counts_whole_years_up_to_the_birthday():
    assert age_on(date(2000, 3, 11), today=date(2026, 3, 10)) == 25
    assert age_on(date(2000, 3, 10), today=date(2026, 3, 10)) == 26
    assert age_on(None) is None
