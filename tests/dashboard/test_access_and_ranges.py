"""Who may open the dashboard; empty ranges; bad ranges; a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import roles
from tests.admissions.factories import ReferralFactory, make_staff

from .hand_built import END, START, build

pytestmark = pytest.mark.django_db
RANGE = {"start": START.isoformat(), "end": END.isoformat()}


def test_administrators_and_the_admissions_lead_see_it(signed_in, administrator):
    lead = make_staff(roles.ADMISSIONS, groups=[roles.ADMISSIONS_LEAD])
    for user in (administrator, lead):
        assert signed_in(user).get("/staff/dashboard/").status_code == 200
        assert signed_in(user).get("/staff/dashboard/funnel.csv").status_code == 200


@pytest.mark.parametrize("role", [roles.ADMISSIONS, roles.CLINICIAN, roles.PROGRAM_ADMIN, None])
def test_everyone_else_is_refused(signed_in, role):
    client = signed_in(make_staff(role))
    assert client.get("/staff/dashboard/").status_code == 403
    assert client.get("/staff/dashboard/funnel.csv", RANGE).status_code == 403


def test_signed_out_goes_to_the_login_page(client):
    response = client.get("/staff/dashboard/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_an_empty_range_says_so_kindly(signed_in, administrator):
    build()
    response = signed_in(administrator).get(
        "/staff/dashboard/", {"start": "2021-01-01", "end": "2021-01-31"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("funnel", "speed", "deadlines", "weekly", "crisis", "levels", "overrides"):
        assert f'data-testid="empty-{key}"' in html
    assert "No data in this range." in html
    csv = signed_in(administrator).get(
        "/staff/dashboard/funnel.csv", {"start": "2021-01-01", "end": "2021-01-31"}
    )
    assert csv.status_code == 200  # the steps, each 0, the percentages blank: no division
    assert csv.content.decode().splitlines()[1] == "Screened,0,,"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-11-15", "end": "2026-11-01"}, "The end date is before the start date."),
        ({"start": "2024-01-01", "end": "2026-01-01"}, "Choose a range of at most 366 days."),
        ({"start": "2026-13-01", "end": "2026-11-01"}, "Enter a valid date."),
        ({"start": "2999-01-01", "end": "2999-01-02"}, "The range starts in the future"),
        ({"start": "1999-01-01", "end": "1999-01-02"}, "Choose a date between 2000 and 2999."),
    ],
)
def test_a_bad_range_gets_a_clear_message_and_no_figures(signed_in, administrator, params, message):
    client = signed_in(administrator)
    response = client.get("/staff/dashboard/", params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'data-testid="range-error"' in html
    assert 'data-testid="table-funnel"' not in html
    csv = client.get("/staff/dashboard/funnel.csv", params)
    assert csv.status_code == 400 and message in csv.content.decode()


def test_an_unknown_table_is_not_found(signed_in, administrator):
    assert signed_in(administrator).get("/staff/dashboard/nope.csv").status_code == 404


def _count(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/staff/dashboard/", RANGE).status_code == 200
    return len(queries)


def test_the_page_runs_the_same_number_of_queries_however_much_data(signed_in, administrator):
    client = signed_in(administrator)
    client.get("/staff/dashboard/")
    build()
    small = _count(client)
    ReferralFactory.create_batch(12)  # (opened now, outside the range: rows, not queries)
    build()  # twice the hand-built rows in the range
    assert _count(client) == small
