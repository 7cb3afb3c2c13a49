"""Example answer sets: a known starting point for demo data, test factories and scoring tests."""

from .items import ASQ_SCREEN_CODES, GAD7_CODES, PHQ9_CODES


def all_clear_answers() -> dict[str, object]:
    """A valid answer set with nothing of concern: outpatient, routine, composite 7, no flags.

    Every required item is answered; the optional schedule preferences (days, times,
    telehealth, goals) are left out. A new dict on every call, so callers may change it."""
    return {
        "age": 30,
        **dict.fromkeys(PHQ9_CODES, 0),
        "phq9_difficulty": 0,
        **dict.fromkeys(GAD7_CODES, 0),
        **dict.fromkeys(ASQ_SCREEN_CODES, False),
        "harm_others": False,
        "pcptsd_trauma": False,
        "auditc_1": 0,
        "drug_freq": 0,
        "withdrawal_history": False,
        "medical_unstable": False,
        "missed_days": 0,
        "self_care": 0,
        "hosp_recent": 0,
        "discharged_recent": False,
        "current_treatment": False,
        "outpatient_insufficient": False,
        "living_situation": "stable",
        "support_person": True,
        "home_safe": True,
        "transport": True,
        "readiness": "ready",
        "hours_available": 12,
    }
