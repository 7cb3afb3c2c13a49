"""The program form has room for the sessions a program needs: a new program starts with
three rows (a standard 3 x 3 h IOP is one save) and "Add a session" adds more."""

import pytest
from django.urls import reverse

from programs.models import Program
from tests.admissions.factories import make_staff, sign_in_verified

from .test_staff_catalog import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    sign_in_verified(client, make_staff("Program admin"))
    return client


def test_the_add_form_starts_with_three_rows_and_a_template_for_more(admin_client):
    page = admin_client.get(reverse("programs_staff:create")).content.decode()

    assert 'name="sessions-TOTAL_FORMS" value="3"' in page
    assert "sessions-2-weekday" in page and "sessions-3-weekday" not in page
    assert 'id="session-row-template"' in page and "sessions-__prefix__-weekday" in page
    assert "data-add-session" in page and "programs/session_rows.js" in page


def test_a_standard_three_by_three_hour_iop_is_created_in_one_save(admin_client):
    response = admin_client.post(reverse("programs_staff:create"), form_data())

    assert response.status_code == 302
    program = Program.objects.get(name="Evening IOP")
    assert program.sessions.count() == 3 and program.hours_per_week == 9


def test_rows_added_in_the_browser_are_saved_too(admin_client):
    data = form_data(**{"sessions-TOTAL_FORMS": "5"})
    for n, day in ((3, "4"), (4, "5")):
        data.update(
            {
                f"sessions-{n}-weekday": day,
                f"sessions-{n}-start_time": "09:00",
                f"sessions-{n}-end_time": "11:00",
            }
        )

    assert admin_client.post(reverse("programs_staff:create"), data).status_code == 302
    assert Program.objects.get(name="Evening IOP").sessions.count() == 5
