"""A fictional demo catalog: Harbor Light's programs across every level, age group, focus,
modality and schedule. Idempotent (update_or_create by slug); capacity, enrollment and the
active flag are set only when a program is first created, so re-running never disturbs places
held by live offers or a program an admin has paused."""

from __future__ import annotations

from datetime import time

from . import geo
from .models import InsurancePlan, Program, Session

AETNA, BCBS, CIGNA, UHC = "Aetna", "Blue Cross Blue Shield", "Cigna", "UnitedHealthcare"
MEDICAID, MEDICARE, KAISER = "Medicaid", "Medicare", "Kaiser Permanente"
PLANS = (AETNA, BCBS, CIGNA, UHC, MEDICAID, MEDICARE, KAISER)

# Sites in real Massachusetts towns (fictional street addresses). The demo applicants live in
# Cambridge (02139): Lowell, Lawrence and Tewksbury are 17-24 miles away, Springfield 78, so
# its in-person programs show as "farther away" for them.
MAIN = {
    "address": "1200 Lantern Way, Suite 300",
    "city": "Lowell",
    "state": "MA",
    "zip_code": "01852",
}
NORTH = {"address": "48 Orchard Street", "city": "Lawrence", "state": "MA", "zip_code": "01841"}
UNIT = {"address": "9 Beacon Hill Road", "city": "Tewksbury", "state": "MA", "zip_code": "01876"}
WEST = {"address": "310 Mill River Road", "city": "Springfield", "state": "MA", "zip_code": "01103"}
NOWHERE = {"address": "", "city": "", "state": "", "zip_code": ""}
# Where clinicians are licensed to treat people by video.
NEW_ENGLAND = ["MA", "NH", "RI"]

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def _week(days, start: tuple[int, int], end: tuple[int, int]):
    return [(day, time(*start), time(*end)) for day in days]


PROGRAMS = [
    {
        "slug": "teen-after-school-iop",
        "name": "Teen After-School IOP",
        "description": (
            "Three afternoons a week after school for teens struggling with depression, anxiety "
            "or self-harm urges. Skills groups (DBT-informed), one individual session a week and "
            "a weekly family session, so school days are not missed."
        ),
        "description_es": (
            "Tres tardes a la semana, después de la escuela, para adolescentes con depresión, "
            "ansiedad o impulsos de hacerse daño. Grupos de habilidades (basados en la "
            "terapia dialéctica conductual, DBT), una sesión individual por semana y una "
            "sesión familiar semanal, para no perder días de escuela."
        ),
        "level": "iop",
        "population": "adolescent",
        "min_age": 13,
        "max_age": 17,
        "focus": "mental_health",
        "modality": "in_person",
        **NORTH,
        "sessions": _week((MON, TUE, THU), (15, 30), (18, 30)),
        "plans": (AETNA, BCBS, CIGNA, MEDICAID, KAISER),
        "languages": ["en", "es"],
        "waitlist_weeks": 2,
        "capacity": 10,
        "enrolled": 6,
    },
    {
        "slug": "adult-evening-iop",
        "name": "Adult Evening IOP",
        "description": (
            "For working adults: three evenings a week of group therapy for depression and "
            "anxiety, with a monthly psychiatry check-in. Join in person or by video."
        ),
        "description_es": (
            "Para adultos que trabajan: tres noches a la semana de terapia de grupo para la "
            "depresión y la ansiedad, con una consulta mensual de psiquiatría. Puede participar en "
            "persona o por video."
        ),
        "level": "iop",
        "population": "adult",
        "min_age": 18,
        "max_age": 120,
        "focus": "mental_health",
        "modality": "hybrid",
        **MAIN,
        "telehealth_states": ["MA", "NH"],
        "sessions": _week((MON, TUE, THU), (18, 0), (21, 0)),
        "plans": (AETNA, BCBS, CIGNA, UHC, MEDICARE, MEDICAID),
        "languages": ["en"],
        "waitlist_weeks": 3,
        "capacity": 12,
        "enrolled": 12,
    },
    {
        "slug": "telehealth-morning-iop",
        "name": "Telehealth Morning IOP",
        "description": (
            "Intensive outpatient care from home by secure video, three mornings a week. "
            "Good for people far from the clinic or without reliable transport."
        ),
        "description_es": (
            "Atención ambulatoria intensiva desde su casa por video seguro, tres mañanas a la "
            "semana. Es una buena opción si vive lejos de la clínica o no tiene transporte "
            "confiable."
        ),
        "level": "iop",
        "population": "adult",
        "min_age": 18,
        "max_age": 120,
        "focus": "mental_health",
        "modality": "telehealth",
        **NOWHERE,
        "telehealth_states": NEW_ENGLAND,
        "sessions": _week((MON, WED, FRI), (9, 0), (12, 0)),
        "plans": (AETNA, CIGNA, UHC, KAISER, MEDICAID),
        "languages": ["en", "es"],
        "waitlist_weeks": 1,
        "capacity": 15,
        "enrolled": 9,
    },
    {
        "slug": "adult-day-treatment-php",
        "name": "Adult Day Treatment (PHP)",
        "description": (
            "A structured weekday program for adults who need more than weekly therapy but can "
            "sleep at home: groups, individual therapy, medication management and a nurse on "
            "site every day."
        ),
        "description_es": (
            "Un programa estructurado de lunes a viernes para adultos que necesitan más que "
            "terapia semanal pero pueden dormir en casa: grupos, terapia individual, manejo de "
            "medicamentos y una enfermera en el lugar todos los días."
        ),
        "level": "php",
        "population": "adult",
        "min_age": 18,
        "max_age": 120,
        "focus": "mental_health",
        "modality": "in_person",
        **MAIN,
        "sessions": _week((MON, TUE, WED, THU, FRI), (9, 0), (14, 30)),
        "plans": (AETNA, BCBS, UHC, MEDICARE, MEDICAID),
        "languages": ["en", "es"],
        "waitlist_weeks": 1,
        "capacity": 14,
        "enrolled": 10,
    },
    {
        "slug": "recovery-pathways-iop",
        "name": "Recovery Pathways IOP",
        "description": (
            "For adults working on alcohol or drug use alongside depression or anxiety. "
            "Relapse-prevention groups, individual counseling and medication for addiction "
            "treatment when it helps, three evenings a week."
        ),
        "description_es": (
            "Para adultos que quieren trabajar en su consumo de alcohol o drogas junto con la "
            "depresión o la ansiedad. Grupos de prevención de recaídas, consejería individual y, "
            "cuando ayuda, medicamentos para tratar la adicción, tres noches a la semana."
        ),
        "level": "iop",
        "population": "adult",
        "min_age": 18,
        "max_age": 120,
        "focus": "co_occurring",
        "modality": "in_person",
        **MAIN,
        "sessions": _week((MON, WED, THU), (17, 30), (20, 30)),
        "plans": (AETNA, BCBS, CIGNA, UHC, MEDICAID),
        "languages": ["en", "es"],
        "waitlist_weeks": 2,
        "capacity": 12,
        "enrolled": 7,
    },
    {
        "slug": "steady-ground-trauma-iop",
        "name": "Steady Ground Trauma IOP",
        "description": (
            "A trauma-focused program for adults living with the after-effects of trauma: "
            "grounding and stabilization skills, then Cognitive Processing Therapy in small "
            "groups. Late mornings, in person or by video."
        ),
        "description_es": (
            "Un programa centrado en el trauma para adultos que viven con las secuelas de "
            "experiencias traumáticas: primero, habilidades para calmarse y estabilizarse; "
            "después, Terapia de Procesamiento Cognitivo en grupos pequeños. A media mañana, "
            "en persona o por video."
        ),
        "level": "iop",
        "population": "adult",
        "min_age": 18,
        "max_age": 120,
        "focus": "trauma",
        "modality": "hybrid",
        **WEST,
        "telehealth_states": ["MA"],
        "sessions": _week((TUE, WED, FRI), (10, 0), (13, 0)),
        "plans": (BCBS, CIGNA, KAISER, MEDICARE),
        "languages": ["en"],
        "waitlist_weeks": 4,
        "capacity": 10,
        "enrolled": 9,
    },
    {
        "slug": "outpatient-skills-groups",
        "name": "Outpatient Skills Groups",
        "description": (
            "Weekly coping-skills groups by video for older teens and adults: one evening "
            "group and one Saturday morning group. Often a next step after an intensive program."
        ),
        "description_es": (
            "Grupos semanales por video para aprender a manejar las emociones, para adolescentes "
            "mayores y adultos: un grupo por la noche y otro el sábado por la mañana. Suele ser el "
            "siguiente paso después de un programa intensivo."
        ),
        "level": "outpatient",
        "population": "all",
        "min_age": 16,
        "max_age": 120,
        "focus": "mental_health",
        "modality": "telehealth",
        **NOWHERE,
        "telehealth_states": ["MA", "NH"],
        "sessions": [(TUE, time(18, 0), time(19, 30)), (SAT, time(10, 0), time(11, 30))],
        "plans": PLANS,
        "languages": ["en", "es"],
        "waitlist_weeks": 0,
        "capacity": 24,
        "enrolled": 11,
    },
    {
        "slug": "lighthouse-residential-unit",
        "name": "Lighthouse Residential Unit",
        "description": (
            "Round-the-clock residential care for adults who are not safe or not able to "
            "recover at home, including medically supervised withdrawal. Stays are usually "
            "one to three weeks, followed by a step down to PHP or IOP."
        ),
        "description_es": (
            "Atención residencial las 24 horas para adultos que no están seguros o no pueden "
            "recuperarse en casa, incluida la desintoxicación con supervisión médica. La estadía "
            "suele durar de una a tres semanas; después se pasa a un programa de hospitalización "
            "parcial (PHP) o ambulatorio intensivo (IOP)."
        ),
        "level": "inpatient",
        "population": "adult",
        "min_age": 18,
        "max_age": 120,
        "focus": "co_occurring",
        "modality": "in_person",
        **UNIT,
        "sessions": [],
        "plans": (AETNA, BCBS, UHC, MEDICARE, MEDICAID),
        "languages": ["en", "es"],
        "waitlist_weeks": 1,
        "capacity": 16,
        "enrolled": 14,
    },
    {
        "slug": "teen-day-program-php",
        "name": "Teen Day Program (PHP)",
        "description": (
            "A weekday day program for teens, with a teacher on site so schoolwork keeps up. "
            "Group and family therapy, psychiatry, and a gradual return to school."
        ),
        "description_es": (
            "Un programa de día, de lunes a viernes, para adolescentes, con un maestro en el lugar "
            "para que no se atrasen en la escuela. Terapia de grupo y familiar, psiquiatría y un "
            "regreso gradual a la escuela."
        ),
        "level": "php",
        "population": "adolescent",
        "min_age": 12,
        "max_age": 17,
        "focus": "mental_health",
        "modality": "in_person",
        **WEST,
        "sessions": _week((MON, TUE, WED, THU, FRI), (8, 30), (13, 0)),
        "plans": (AETNA, BCBS, CIGNA, MEDICAID, KAISER),
        "languages": ["en"],
        "waitlist_weeks": 2,
        "capacity": 8,
        "enrolled": 8,
    },
    {
        "slug": "programa-intensivo-en-espanol",
        "name": "Programa Intensivo en Español (IOP)",
        "description": (
            "An intensive outpatient program held entirely in Spanish, three evenings a week, "
            "for adults with depression, anxiety or alcohol use. In person or by video."
        ),
        "description_es": (
            "Un programa ambulatorio intensivo completamente en español, tres noches a la semana, "
            "para adultos con depresión, ansiedad o consumo de alcohol. En persona o por video."
        ),
        "level": "iop",
        "population": "adult",
        "min_age": 18,
        "max_age": 120,
        "focus": "co_occurring",
        "modality": "hybrid",
        **NORTH,
        "telehealth_states": ["MA", "NH"],
        "sessions": _week((TUE, WED, THU), (18, 0), (21, 0)),
        "plans": (AETNA, MEDICAID, MEDICARE),
        "languages": ["es"],
        "waitlist_weeks": 1,
        "capacity": 10,
        "enrolled": 5,
    },
    {
        "slug": "weekend-iop",
        "name": "Weekend IOP",
        "description": (
            "Saturday and Sunday intensive outpatient groups for adults who cannot attend on "
            "weekdays. Paused while the program is restaffed."
        ),
        "description_es": (
            "Grupos ambulatorios intensivos los sábados y domingos para adultos que no pueden "
            "asistir entre semana. En pausa mientras se completa el personal del programa."
        ),
        "level": "iop",
        "population": "adult",
        "min_age": 18,
        "max_age": 120,
        "focus": "mental_health",
        "modality": "in_person",
        **MAIN,
        "sessions": _week((SAT, SUN), (9, 0), (13, 30)),
        "plans": (AETNA, BCBS, UHC),
        "languages": ["en"],
        "waitlist_weeks": 0,
        "capacity": 10,
        "enrolled": 0,
        "is_active": False,
    },
]


def _sync_sessions(program: Program, sessions) -> None:
    wanted = sorted(sessions)
    have = sorted(program.sessions.values_list("weekday", "start_time", "end_time"))
    if have != wanted:
        program.sessions.all().delete()
        Session.objects.bulk_create(
            Session(program=program, weekday=d, start_time=s, end_time=e) for d, s, e in wanted
        )


def load(*, stdout=None, style=None) -> list[Program]:
    plans = {name: InsurancePlan.objects.get_or_create(name=name)[0] for name in PLANS}
    programs = []
    for spec in PROGRAMS:
        spec = dict(spec)
        slug, sessions, plan_names = spec.pop("slug"), spec.pop("sessions"), spec.pop("plans")
        first_time = {k: spec.pop(k) for k in ("capacity", "enrolled") if k in spec}
        first_time["is_active"] = spec.pop("is_active", True)
        point = geo.zip_point(spec["zip_code"])
        spec["latitude"], spec["longitude"] = point if point else (None, None)
        program, _ = Program.objects.update_or_create(
            slug=slug, defaults=spec, create_defaults={**spec, **first_time}
        )
        program.insurance_plans.set([plans[name] for name in plan_names])
        _sync_sessions(program, sessions)
        programs.append(program)
    if stdout is not None:
        message = f"Programs: {len(programs)} in the demo catalog, {len(plans)} insurance plans."
        stdout.write(style.SUCCESS(message) if style is not None else message)
    return programs
