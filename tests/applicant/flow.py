"""Driving the public screener through the Django test client, page by page, the way a browser
without JavaScript does: one POST per page, with the page's prefix and the wizard's step."""

from django.test import Client
from django.urls import reverse

PREFIX = "screener"

ABOUT = {"dob_month": "4", "dob_day": "12", "dob_year": "1990"}  # page 1: the age check
CONTACT = {  # after consent: only what the crisis pathway needs
    "first_name": "Robin",
    "preferred_contact": "phone",
    "phone": "(555) 010-0142",
    "email": "robin.vale@example.org",
}
DETAILS = {  # after the clinical questions, before the source page and the review
    "last_name": "Vale",
    "state": "MA",
    "zip_code": "02139",
    "language": "en",
    "best_time": "evening",
    "insurance_carrier": "Harbor Health Plan",
    "insurance_member_id": "HHP-0042",
}
GUARDIAN = {  # asked only of applicants under 18
    "guardian_name": "Dana Vale",
    "guardian_relationship": "parent",
    "guardian_phone": "(555) 010-0177",
    "guardian_email": "",
}
CONSENT = {"consent_terms": "on", "consent_contact": "on"}
CALM = {
    "mood": {**{f"phq9_{n}": "0" for n in range(1, 10)}, "phq9_difficulty": "0"},
    "anxiety": {f"gad7_{n}": "0" for n in range(1, 8)},
    "safety": {**{f"asq_{n}": "false" for n in range(1, 5)}, "harm_others": "false"},
    "trauma": {"pcptsd_trauma": "false"},
    "substance": {
        "auditc_1": "0",
        "drug_freq": "0",
        "withdrawal_history": "false",
        "medical_unstable": "false",
    },
    "functioning": {"missed_days": "0", "self_care": "0"},
    "history": {
        "hosp_recent": "0",
        "discharged_recent": "false",
        "current_treatment": "false",
        "outpatient_insufficient": "false",
    },
    "support": {
        "living_situation": "stable",
        "support_person": "true",
        "home_safe": "true",
        "transport": "true",
    },
    "availability": {
        "readiness": "ready",
        "hours_available": "12",
        "days_available": ["mon", "wed"],
        "time_of_day": ["morning"],
        "telehealth_ok": "true",
    },
    "goals": {"goals": ["coping_skills", "symptom_relief"]},
}
TOPIC_ORDER = ("mood", "safety", "anxiety", "trauma", "substance", "functioning", "history",
               "support", "availability", "goals")  # fmt: skip
CRISIS_SAFETY = {
    "asq_1": "true",
    "asq_2": "false",
    "asq_3": "true",
    "asq_4": "false",
    "asq_5": "true",
    "harm_others": "false",
}


def step_url(step: str) -> str:
    return reverse("applicant:step", kwargs={"step": step})


def post_step(client: Client, step: str, data: dict, *, follow: bool = False):
    """POST one page: ``data`` uses bare field names; lists become repeated keys."""
    payload: dict[str, object] = {f"{PREFIX}-current_step": step}
    for name, value in data.items():
        payload[f"{step}-{name}"] = value
    return client.post(step_url(step), payload, follow=follow)


def answer_until(client: Client, last: str, overrides: dict | None = None) -> None:
    """Answer every page up to and including ``last`` with calm answers (or ``overrides``)."""
    overrides = overrides or {}
    pages = (
        [("about", ABOUT), ("consent", CONSENT), ("contact", CONTACT)]
        + [(t, CALM[t]) for t in TOPIC_ORDER]
        + [("details", DETAILS)]
    )
    for step, data in pages:
        response = post_step(client, step, overrides.get(step, data))
        assert response.status_code == 302, (step, response.status_code)
        if response["Location"] == step_url("guardian"):  # an adolescent, after "about"
            guardian = post_step(client, "guardian", overrides.get("guardian", GUARDIAN))
            assert guardian.status_code == 302, ("guardian", guardian.status_code)
        if step == last:
            return


def complete(client: Client, overrides: dict | None = None):
    """Answer every page and send the review page; returns the final response (followed)."""
    answer_until(client, "details", overrides)
    return post_step(client, "review", {}, follow=True)
