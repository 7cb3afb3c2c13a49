"""Program admins keep the catalog in the staff workspace: add, edit, places, deactivate.
Every change is audited; bad input is explained next to the field and nothing is saved."""

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from programs.models import InsurancePlan, Program
from tests.admissions.factories import sign_in_verified

from .factories import ProgramFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_user("catalog", password="x-long-password-1")
    user.user_permissions.add(Permission.objects.get(codename="manage_catalog"))
    sign_in_verified(client, user)
    client.user = user
    return client


def form_data(**overrides) -> dict:
    aetna = InsurancePlan.objects.get_or_create(name="Aetna")[0]
    data = {
        "name": "Evening IOP",
        "description": "Three evenings a week.",
        "level": "iop",
        "population": "adult",
        "min_age": "18",
        "max_age": "120",
        "focus": "mental_health",
        "modality": "hybrid",
        "address": "1200 Lantern Way",
        "city": "Lowell",
        "state": "MA",
        "zip_code": "01852",
        "telehealth_states": "MA, nh",
        "accepts_self_pay": "on",
        "languages": ["en", "es"],
        "waitlist_weeks": "2",
        "insurance_plans": [str(aetna.pk)],
        "capacity": "12",
        "enrolled": "3",
        "sessions-TOTAL_FORMS": "3",
        "sessions-INITIAL_FORMS": "0",
        "sessions-MIN_NUM_FORMS": "0",
        "sessions-MAX_NUM_FORMS": "21",
    }
    for n, day in enumerate(("0", "1", "3")):
        data.update(
            {
                f"sessions-{n}-weekday": day,
                f"sessions-{n}-start_time": "18:00",
                f"sessions-{n}-end_time": "21:00",
            }
        )
    data.update(overrides)
    return data


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(reverse("programs_staff:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admissions:login"))


def test_staff_without_the_catalog_permission_are_refused(client):
    sign_in_verified(client, User.objects.create_user("someone", password="x-long-password-1"))
    assert client.get(reverse("programs_staff:list")).status_code == 403
    assert client.post(reverse("programs_staff:create"), form_data()).status_code == 403
    assert not Program.objects.exists()


def test_list_shows_every_program_with_its_places(admin_client):
    ProgramFactory(name="Paused IOP", is_active=False)
    ProgramFactory(name="Evening IOP", capacity=12, enrolled=5, held=2)
    html = admin_client.get(reverse("programs_staff:list")).content.decode()
    assert "Paused IOP" in html and "Inactive" in html
    assert "Evening IOP" in html


def test_create_a_program_with_sessions(admin_client):
    response = admin_client.post(reverse("programs_staff:create"), form_data())
    assert response.status_code == 302
    program = Program.objects.get()
    assert program.slug == "evening-iop"
    assert (program.capacity, program.enrolled, program.languages) == (12, 3, ["en", "es"])
    assert program.hours_per_week == 9
    assert list(program.insurance_plans.values_list("name", flat=True)) == ["Aetna"]
    event = AuditEvent.objects.get(object_type="program", object_id=str(program.pk))
    assert event.action == "create" and event.actor == admin_client.user
    assert "sessions" in event.fields


def test_too_few_hours_for_the_level_is_explained_and_nothing_is_saved(admin_client):
    data = form_data(
        **{"sessions-2-weekday": "", "sessions-2-start_time": "", "sessions-2-end_time": ""}
    )
    response = admin_client.post(reverse("programs_staff:create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "An intensive outpatient program for adults needs at least 9 hours a week; "
        "these sessions add up to 6 hours."
    ) in html
    assert "Nothing was saved" in html
    assert not Program.objects.exists()
    assert not AuditEvent.objects.filter(object_type="program").exists()


def test_adolescent_iop_needs_six_hours_and_php_twenty(admin_client):
    teen = form_data(
        population="adolescent",
        min_age="13",
        max_age="17",
        **{"sessions-2-weekday": "", "sessions-2-start_time": "", "sessions-2-end_time": ""},
    )
    assert admin_client.post(reverse("programs_staff:create"), teen).status_code == 302
    php = form_data(name="Day program", level="php")
    response = admin_client.post(reverse("programs_staff:create"), php)
    assert (
        "A partial hospitalization program needs at least 20 hours a week"
        in response.content.decode()
    )
    assert Program.objects.count() == 1


def test_ages_must_fit_the_population(admin_client):
    response = admin_client.post(reverse("programs_staff:create"), form_data(min_age="15"))
    assert "An adult program starts at age 18 or older." in response.content.decode()
    assert not Program.objects.exists()


def test_session_that_ends_before_it_starts(admin_client):
    data = form_data(**{"sessions-0-end_time": "17:00"})
    response = admin_client.post(reverse("programs_staff:create"), data)
    assert "A session must end after it starts." in response.content.decode()
    assert not Program.objects.exists()


def test_edit_records_which_fields_changed(admin_client):
    program = ProgramFactory(name="Evening IOP", plans=["Aetna"], capacity=12, enrolled=3)
    sessions = list(program.sessions.all())
    data = form_data(waitlist_weeks="5", **{"sessions-INITIAL_FORMS": "3"})
    data.pop("capacity"), data.pop("enrolled")
    for n, session in enumerate(sessions):
        data[f"sessions-{n}-id"] = str(session.pk)
        data[f"sessions-{n}-program"] = str(program.pk)
    data["sessions-2-start_time"] = "17:30"
    data["sessions-2-end_time"] = "20:30"
    response = admin_client.post(reverse("programs_staff:edit", args=[program.pk]), data)
    assert response.status_code == 302
    program.refresh_from_db()
    assert program.waitlist_weeks == 5
    assert "Thursday 17:30–20:30" in {str(s) for s in program.sessions.all()}
    event = AuditEvent.objects.get(object_type="program", action="change")
    assert set(event.fields) >= {"waitlist_weeks", "sessions", "modality", "languages"}


def test_edit_that_drops_below_the_level_minimum_is_refused(admin_client):
    program = ProgramFactory(name="Evening IOP")
    sessions = list(program.sessions.all())
    data = form_data(**{"sessions-INITIAL_FORMS": "3"})
    for n, session in enumerate(sessions):
        data[f"sessions-{n}-id"] = str(session.pk)
    data["sessions-2-DELETE"] = "on"
    response = admin_client.post(reverse("programs_staff:edit", args=[program.pk]), data)
    assert "needs at least 9 hours a week" in response.content.decode()
    assert program.sessions.count() == 3


def test_unknown_program_is_404(admin_client):
    assert admin_client.get(reverse("programs_staff:edit", args=[999])).status_code == 404


def test_capacity_can_not_drop_below_enrolled_plus_held(admin_client):
    program = ProgramFactory(capacity=10, enrolled=6, held=2)
    url = reverse("programs_staff:capacity", args=[program.pk])
    response = admin_client.post(url, {"capacity": "7", "enrolled": "6"})
    assert (
        "Capacity can&#x27;t be below 8: 6 enrolled and 2 held for offers."
        in response.content.decode()
    )
    program.refresh_from_db()
    assert program.capacity == 10
    assert admin_client.post(url, {"capacity": "8", "enrolled": "6"}).status_code == 302
    program.refresh_from_db()
    assert (program.capacity, program.open_seats) == (8, 0)
    event = AuditEvent.objects.get(object_type="program", action="change")
    assert event.fields == ["capacity"]
    assert event.detail == "capacity 10 -> 8; enrolled 6 -> 6"


def test_deactivate_takes_a_program_out_of_the_public_catalog(admin_client, client):
    program = ProgramFactory(name="Evening IOP")
    url = reverse("programs_staff:deactivate", args=[program.pk])
    assert "Take Evening IOP out of the catalog?" in admin_client.get(url).content.decode()
    assert admin_client.post(url).status_code == 302
    program.refresh_from_db()
    assert not program.is_active
    assert AuditEvent.objects.get(object_type="program").detail == "deactivated"
    assert client.get(reverse("programs:detail", args=[program.slug])).status_code == 404
    admin_client.post(reverse("programs_staff:activate", args=[program.pk]))
    program.refresh_from_db()
    assert program.is_active


def test_staff_list_runs_a_fixed_number_of_queries(admin_client):
    ProgramFactory.create_batch(2)
    admin_client.get(reverse("programs_staff:list"))  # the session's first activity stamp
    with CaptureQueriesContext(connection) as few:
        admin_client.get(reverse("programs_staff:list"))
    ProgramFactory.create_batch(10)
    with CaptureQueriesContext(connection) as many:
        response = admin_client.get(reverse("programs_staff:list"))
    assert len(response.context["programs"]) == 12
    assert len(many.captured_queries) == len(few.captured_queries)
