"""The public catalog: filters, the detail page, and a fixed number of queries."""

import pytest
from django.urls import reverse

from programs.models import Program

from .factories import ProgramFactory

pytestmark = pytest.mark.django_db

LIST = reverse("programs:list")


def listed(client, **query) -> list[str]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [p.name for p in response.context["programs"]]


def test_lists_active_programs_lowest_level_first(client):
    ProgramFactory(
        name="Day program", level="php", sessions=[(d, "09:00", "14:00") for d in range(5)]
    )
    ProgramFactory(name="Evening IOP")
    ProgramFactory(name="Weekly group", level="outpatient", sessions=[(1, "18:00", "19:30")])
    ProgramFactory(name="Paused IOP", is_active=False)
    assert listed(client) == ["Weekly group", "Evening IOP", "Day program"]


def test_card_shows_schedule_hours_and_places(client):
    ProgramFactory(name="Evening IOP", capacity=5, enrolled=3)
    ProgramFactory(name="Full IOP", capacity=4, enrolled=4, waitlist_weeks=3)
    html = client.get(LIST).content.decode()
    assert "Mon/Tue/Thu 6–9\u00a0pm" in html
    assert "9 hours a week" in html
    assert "2 places open" in html
    assert "Full — waitlist about 3 weeks" in html


def test_filter_by_level_and_focus(client):
    ProgramFactory(name="Evening IOP")
    ProgramFactory(name="Recovery IOP", focus="co_occurring")
    ProgramFactory(name="Weekly group", level="outpatient", sessions=[(1, "18:00", "19:30")])
    assert listed(client, level="iop") == ["Evening IOP", "Recovery IOP"]
    assert listed(client, level="iop", focus="co_occurring") == ["Recovery IOP"]


def test_filter_by_age_and_population(client):
    ProgramFactory(name="Teen IOP", population="adolescent", min_age=13, max_age=17)
    ProgramFactory(name="Adult IOP")
    ProgramFactory(name="Groups", level="outpatient", population="all", min_age=16, sessions=[])
    assert listed(client, age=15) == ["Teen IOP"]
    assert listed(client, age=16) == ["Groups", "Teen IOP"]
    assert listed(client, population="adolescent") == ["Groups", "Teen IOP"]
    assert listed(client, population="adult") == ["Groups", "Adult IOP"]


def test_filter_by_modality_counts_hybrid_as_both(client):
    ProgramFactory(name="Clinic", modality="in_person")
    ProgramFactory(name="Video", modality="telehealth", address="")
    ProgramFactory(name="Either", modality="hybrid")
    assert listed(client, modality="telehealth") == ["Either", "Video"]
    assert listed(client, modality="in_person") == ["Clinic", "Either"]


def test_filter_by_insurance_and_self_pay(client):
    ProgramFactory(name="Aetna IOP", plans=["Aetna"], accepts_self_pay=False)
    ProgramFactory(name="Cigna IOP", plans=["Cigna"], accepts_self_pay=True)
    aetna = Program.objects.get(name="Aetna IOP").insurance_plans.get()
    assert listed(client, insurance=aetna.pk) == ["Aetna IOP"]
    assert listed(client, insurance="self_pay") == ["Cigna IOP"]


def test_filter_by_language(client):
    ProgramFactory(name="English", languages=["en"])
    ProgramFactory(name="Both", languages=["en", "es"])
    ProgramFactory(name="Spanish", languages=["es"])
    assert listed(client, language="es") == ["Both", "Spanish"]
    assert listed(client, language="en") == ["Both", "English"]


def test_bad_filter_value_is_explained_next_to_the_field(client):
    ProgramFactory()
    response = client.get(LIST, {"level": "weekly"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_catalog_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    ProgramFactory.create_batch(2, plans=["Aetna"])
    with django_assert_num_queries(4) as first:  # plans for the filter, programs, sessions, plans
        client.get(LIST, {"level": "iop", "language": "en"})
    ProgramFactory.create_batch(12, plans=["Aetna", "Cigna"])
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(LIST, {"level": "iop", "language": "en"})
    assert len(response.context["programs"]) == 14


def test_detail_page(client):
    program = ProgramFactory(
        name="Teen After-School IOP",
        population="adolescent",
        min_age=13,
        max_age=17,
        sessions=[(0, "15:30", "18:30"), (1, "15:30", "18:30")],
        plans=["Aetna", "Medicaid"],
        languages=["en", "es"],
        capacity=10,
        enrolled=9,
    )
    response = client.get(reverse("programs:detail", args=[program.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Monday",
        "Tuesday",
        "3:30–6:30\u00a0pm",
        "6 hours a week",
        "Ages 13–17".lower(),
        "Aetna, Medicaid",
        "English, Spanish",
        "1 place open",
        "Start the screening",
    ):
        assert text in html


def test_detail_of_an_inactive_or_unknown_program_is_404(client):
    program = ProgramFactory(is_active=False)
    assert client.get(reverse("programs:detail", args=[program.slug])).status_code == 404
    assert client.get(reverse("programs:detail", args=["no-such-program"])).status_code == 404


def test_detail_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    program = ProgramFactory(plans=["Aetna", "Cigna"])
    with django_assert_num_queries(3):
        client.get(reverse("programs:detail", args=[program.slug]))
