"""Catalog test data: model factories for the database tiers, and ``info()`` for the pure
matching tests.

    program = ProgramFactory(level="iop", sessions=[(1, "18:00", "21:00")], plans=["Aetna"])
    evening = info(name="Evening IOP", sessions=[("tue", "18:00", "21:00")], open_seats=2)
"""

from datetime import time

import factory

from programs.matching import DAY_CODES, ProgramInfo, SessionSlot
from programs.models import InsurancePlan, Program, Session

ADULT_IOP_WEEK = [(0, "18:00", "21:00"), (1, "18:00", "21:00"), (3, "18:00", "21:00")]


def _time(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(value)


def _day(value) -> int:
    return DAY_CODES.index(value) if isinstance(value, str) else value


def slot(day, start, end) -> SessionSlot:
    return SessionSlot(_day(day), _time(start), _time(end))


class InsurancePlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InsurancePlan
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Plan {n}")


class ProgramFactory(factory.django.DjangoModelFactory):
    """An active adult evening IOP (9 h/week) with open places. ``sessions`` takes
    (weekday, "HH:MM", "HH:MM") triples; ``plans`` takes plan names."""

    class Meta:
        model = Program
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Program {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    description = "Group and individual therapy."
    level = "iop"
    population = "adult"
    min_age = 18
    max_age = 120
    focus = "mental_health"
    modality = "in_person"
    address = "1 Test Street"
    city = "Port Alder"
    state = "WA"
    capacity = 10
    enrolled = 0
    languages = factory.LazyFunction(lambda: ["en"])

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        rows = ADULT_IOP_WEEK if extracted is None else extracted
        Session.objects.bulk_create(
            Session(program=self, weekday=_day(d), start_time=_time(s), end_time=_time(e))
            for d, s, e in rows
        )

    @factory.post_generation
    def plans(self, create, extracted, **kwargs):
        if extracted:
            self.insurance_plans.set(
                [InsurancePlan.objects.get_or_create(name=name)[0] for name in extracted]
            )


_ids = iter(range(1, 10**6))


def info(**fields) -> ProgramInfo:
    """A ProgramInfo: an adult in-person mental-health IOP, Mon/Tue/Thu 18-21, 3 open places,
    Aetna and self-pay, English. ``sessions`` takes (day, start, end) with day a code or int."""
    sessions = fields.pop("sessions", ADULT_IOP_WEEK)
    defaults = {
        "id": next(_ids),
        "name": f"Program {fields.get('id', '')}".strip(),
        "level": "iop",
        "min_age": 18,
        "max_age": 120,
        "modality": "in_person",
        "focus": "mental_health",
        "insurance": ("Aetna",),
        "self_pay": True,
        "languages": ("en",),
        "open_seats": 3,
        "waitlist_weeks": 0,
        "city": "Port Alder",
    }
    defaults.update(fields)
    if defaults["name"] == "Program":
        defaults["name"] = f"Program {defaults['id']}"
    return ProgramInfo(sessions=tuple(slot(*s) for s in sessions), **defaults)
