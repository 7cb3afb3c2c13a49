"""Every dashboard figure on the hand-built data set (tests/dashboard/hand_built.py) equals
the value worked out by hand there; the page and each table's CSV carry the same numbers."""

import csv
import io

import pytest
from django.utils import timezone

from admissions.selectors.dashboard import DateRange, dashboard_tables
from admissions.selectors.deadlines import deadline_hours

from .hand_built import END, START, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def tables():
    build()
    found = dashboard_tables(DateRange(START, END), now=timezone.now())
    return {table.key: table for table in found}


def _approx(rows):
    return [
        tuple(pytest.approx(c, abs=0.05) if isinstance(c, float) else c for c in r) for r in rows
    ]


def test_the_funnel_counts_who_got_at_least_that_far(tables):
    # R1, R2, R3, R4, R6 opened in the range; reached R1 R2 R4; assessed R1 R4; admitted R1.
    assert list(tables["funnel"].rows) == _approx(
        [
            ("Screened", 5, None, 100.0),
            ("Reached", 3, 60.0, 60.0),
            ("Assessed", 2, 200 / 3, 40.0),
            ("Admitted", 1, 50.0, 20.0),
        ]
    )


def test_time_to_first_attempt_and_reach_per_urgency_beside_the_deadline(tables):
    hours = deadline_hours()
    # urgent: R4 (tried +0.5 h, reached +1 h), R6 (neither). routine: tries 1, 3, 5 h ->
    # median 3, p90 3 + 0.8 * 2 = 4.6; reaches 2 and 80 h -> median 41, p90 2 + 0.9 * 78.
    assert list(tables["speed"].rows) == _approx(
        [
            ("Urgent", hours["urgent"], 1, 0.5, 0.5, 1, 1.0, 1.0),
            ("Routine", hours["routine"], 3, 3.0, 4.6, 2, 41.0, 72.2),
        ]
    )


def test_deadline_attainment_per_urgency_and_per_week(tables):
    # urgent: R4 met, R6 missed. routine: R1 met, R2 late, R3 never reached.
    assert list(tables["deadlines"].rows) == _approx(
        [("Urgent", 2, 1, 1, 0, 50.0), ("Routine", 3, 1, 2, 0, 100 / 3)]
    )
    # Week of Nov 2: R1 met, R2 missed. Week of Nov 9 (to Sunday the 15th, 23:30 ET): R4
    # met; R3 and R6 missed. Columns per urgency, most urgent first.
    assert list(tables["weekly"].rows) == _approx(
        [
            ("Nov 2, 2026", 1, 1, 50.0, None, None, None, 50.0),
            ("Nov 9, 2026", 1, 2, 100 / 3, None, 50.0, None, 0.0),
        ]
    )


def test_crisis_times_from_alert_to_acknowledgement_and_reach(tables):
    # acknowledged after 6 and 10 min (one never): median 8, p90 6 + 0.9 * 4 = 9.6;
    # reached 20 and 30 min after (the reach before R4's alert does not count).
    assert list(tables["crisis"].rows) == _approx(
        [("Alert to acknowledgement", 2, 8.0, 9.6), ("Alert to reach", 2, 25.0, 29.0)]
    )
    assert tables["crisis"].note.startswith("3 episodes opened; 0 closed")


def test_level_mix_and_overrides_per_clinician(tables):
    # recommended: outpatient R1 R6, iop R2 R3, php R4; in effect R3 -> php, R4 -> iop.
    assert list(tables["levels"].rows) == _approx(
        [
            ("Outpatient", 2, 40.0, 2, 40.0),
            ("Intensive outpatient (IOP)", 2, 40.0, 2, 40.0),
            ("Partial hospitalization (PHP)", 1, 20.0, 1, 20.0),
            ("Inpatient / residential", 0, 0.0, 0, 0.0),
        ]
    )
    assert tables["levels"].note == "Override rate: 2 of 5 referrals with a recommendation (40.0%)."
    assert list(tables["overrides"].rows) == _approx(
        [("Avery Alpha", 1, 20.0, 1, 0, 0), ("Blake Beta", 1, 20.0, 0, 1, 0)]
    )


def test_conversion_by_source_and_by_insurance_status(tables):
    assert list(tables["by_source"].rows) == _approx(
        [
            ("Internet search", 1, 1, 1, 0, 100.0, 0.0),
            ("Doctor or therapist", 2, 2, 1, 1, 100.0, 50.0),
            ("Not given", 2, 0, 0, 0, 0.0, 0.0),
        ]
    )
    assert list(tables["by_insurance"].rows) == _approx(
        [
            ("Not started", 2, 1, 0, 0, 50.0, 0.0),
            ("Verified, in network", 2, 2, 2, 1, 100.0, 50.0),
            ("Self-pay", 1, 0, 0, 0, 0.0, 0.0),
        ]
    )


def test_waitlist_length_and_fill_per_program(tables):
    assert list(tables["waitlists"].rows) == _approx([("Evening IOP", 2, 2, 1, 1, 4, 10, 40.0)])


def test_each_table_downloads_as_csv_with_the_same_numbers(tables, signed_in, administrator):
    client = signed_in(administrator)
    for key, table in tables.items():
        response = client.get(
            f"/staff/dashboard/{key}.csv", {"start": START.isoformat(), "end": END.isoformat()}
        )
        assert response.status_code == 200, key
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == [column.header for column in table.columns]
        expected = [
            ["" if c is None else (str(c) if isinstance(c, int | str) else f"{c:.1f}") for c in row]
            for row in table.rows
        ]
        assert rows[1:] == expected, key


def test_the_page_shows_each_chart_titled_with_its_table_beneath(signed_in, administrator):
    build()
    response = signed_in(administrator).get(
        "/staff/dashboard/", {"start": START.isoformat(), "end": END.isoformat()}
    )
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("funnel", "speed", "deadlines", "weekly", "crisis", "levels", "overrides"):
        assert f'aria-labelledby="chart-{key}-title chart-{key}-desc"' in html
        assert f'<title id="chart-{key}-title">' in html
        assert f'data-testid="table-{key}"' in html
        assert html.index(f'id="chart-{key}-title"') < html.index(f'data-testid="table-{key}"')
    assert "41.0 h" in html and "72.2 h" in html  # routine reach median and p90
    assert "style=" not in html.split("<main")[1]  # nothing the CSP would refuse
