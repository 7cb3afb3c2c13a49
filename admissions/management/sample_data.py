"""Made-up but realistic applicants and answer sets, for the seeding commands behind the
benchmarks. Nothing here is real PHI: names come from short fixed lists, phone numbers use the
555 exchange and email addresses the example.org domain."""

import random

from screening.scoring import ITEMS, is_asked
from screening.scoring.items import Kind

FIRST_NAMES = (
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
    "Mia", "Mateo", "Amelia", "Benjamin", "Harper", "Henry", "Evelyn", "Alexander", "Camila",
    "Daniel", "Aaliyah", "Jayden", "Priya", "Wei", "Fatima", "Mohammed", "Yuki", "Diego",
    "Lucia", "Andre", "Keisha", "Tyrone", "Hannah", "Grace", "Owen", "Chloe", "Ethan", "Zoe",
    "Samuel", "Nora", "Gabriel", "Leah", "Isaac", "Maya", "Carlos", "Rosa", "Minh", "Anh",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
    "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel", "Kim", "Chen", "O'Brien",
)  # fmt: skip
STATES = ("NY", "NJ", "CT", "PA", "MA", "NY", "NY", "NJ")
AREA_CODES = ("212", "347", "516", "631", "718", "914", "201", "732", "973", "203", "215", "617")
CARRIERS = (
    "Aetna", "Blue Cross Blue Shield", "Cigna", "UnitedHealthcare", "Medicaid", "Medicare",
    "Oscar", "EmblemHealth", "Fidelis Care", "", "",
)  # fmt: skip

# Items where "true" is the reassuring answer: most applicants give it.
PROTECTIVE = frozenset({"support_person", "home_safe", "transport", "telehealth_ok"})
# Items where "true" signals acute risk: rare, and rarer still at low severity.
ACUTE = frozenset({"asq_4", "asq_4_recent", "asq_5", "harm_others_now", "medical_unstable"})


def random_answers(rng: random.Random) -> dict[str, object]:
    """A valid answer set honouring every condition of the item catalog.

    One latent severity drives every item, so the sets spread over all levels of care the way
    an applicant population does: mostly mild to moderate, a few acute."""
    severity = rng.betavariate(1.6, 4.0)
    answers: dict[str, object] = {}
    for item in ITEMS:
        if item.condition is not None and not is_asked(item.code, answers):
            continue
        if not item.required and rng.random() < 0.4:
            continue
        answers[item.code] = _value(item, severity, rng)
    return answers


def _value(item, severity: float, rng: random.Random) -> object:
    if item.kind is Kind.INTEGER:
        if item.code == "age":
            return min(item.high, max(item.low, int(rng.gauss(34, 12))))
        span = item.high - item.low
        return item.low + round(span * rng.triangular(0, 1, severity) * severity**0.5)
    if item.kind is Kind.BOOLEAN:
        if item.code in PROTECTIVE:
            return rng.random() > 0.05 + 0.3 * severity**2
        chance = 0.3 * severity**3 if item.code in ACUTE else 0.03 + 0.4 * severity**2
        return rng.random() < chance
    if item.kind is Kind.ASQ:
        chance = 0.3 * severity**3 if item.code in ACUTE else 0.4 * severity**2
        if rng.random() >= chance:
            return False
        return "declined" if rng.random() < 0.1 else True
    if item.kind is Kind.CHOICE:
        weights = [2.0 if i == 0 else 0.1 + severity for i in range(len(item.options))]
        return rng.choices(item.options, weights=weights)[0]
    count = rng.randint(0, min(len(item.options), 4))
    return rng.sample(item.options, count)


def applicant(rng: random.Random, serial: int) -> dict[str, object]:
    """Contact details for one made-up applicant; ``serial`` keeps emails and phones distinct."""
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    wants_sms = rng.random() < 0.35
    has_email = rng.random() < 0.85
    local = f"{first}.{last}.{serial}".lower().replace("'", "")
    return {
        "first_name": first,
        "last_name": last,
        "phone": f"({rng.choice(AREA_CODES)}) 555-{serial % 10000:04d}",
        "email": f"{local}@example.org" if has_email else "",
        "preferred_contact": "sms" if wants_sms else rng.choice(["phone", "phone", "email"]),
        "best_time": rng.choice(["any", "morning", "afternoon", "evening"]),
        "state": rng.choice(STATES),
        "zip_code": f"{rng.randint(6000, 19999):05d}",
        "language": "es" if rng.random() < 0.12 else "en",
        "insurance_carrier": rng.choice(CARRIERS),
        "consent_contact": rng.random() < 0.95,
        "consent_sms": wants_sms or rng.random() < 0.3,
    }
