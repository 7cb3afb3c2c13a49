"""The demo catalog: realistic, varied, valid, and safe to load again."""

from io import StringIO

import pytest
from django.core.management import call_command

from programs import demo
from programs.models import InsurancePlan, Program
from programs.selectors import program_info
from programs.validation import population_age_problem, schedule_problem

pytestmark = pytest.mark.django_db


def test_demo_catalog_covers_levels_people_and_schedules():
    demo.load()
    active = Program.objects.filter(is_active=True).prefetch_related("sessions")
    assert active.count() >= 8
    assert {p.level for p in active} == {"outpatient", "iop", "php", "inpatient"}
    assert {p.population for p in active} == {"adult", "adolescent", "all"}
    assert {p.modality for p in active} == {"in_person", "telehealth", "hybrid"}
    assert {p.focus for p in active} == {"mental_health", "co_occurring", "trauma"}
    assert any("es" in p.languages for p in active)
    assert any(p.open_seats == 0 for p in active), "a full program shows the waitlist"
    names = set(InsurancePlan.objects.values_list("name", flat=True))
    assert {"Aetna", "Blue Cross Blue Shield", "Cigna", "UnitedHealthcare", "Medicaid"} <= names
    teen_iop = active.get(slug="teen-after-school-iop")
    assert all(s.start_time.hour >= 15 for s in teen_iop.sessions.all())


def test_every_demo_program_meets_its_level_and_population_rules():
    demo.load()
    for program in Program.objects.prefetch_related("sessions", "insurance_plans"):
        info = program_info(program)
        assert schedule_problem(program.level, program.population, info.sessions) is None, (
            program.name
        )
        assert population_age_problem(program.population, program.min_age, program.max_age) is None


def test_loading_again_changes_nothing_and_keeps_held_places():
    demo.load()
    program = Program.objects.get(slug="recovery-pathways-iop")
    Program.objects.filter(pk=program.pk).update(held=2, capacity=20)
    counts = (Program.objects.count(), InsurancePlan.objects.count(), program.sessions.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Programs: 11 in the demo catalog, 7 insurance plans." in out.getvalue()
    program.refresh_from_db()
    assert (
        Program.objects.count(),
        InsurancePlan.objects.count(),
        program.sessions.count(),
    ) == counts
    assert (program.held, program.capacity) == (2, 20)
