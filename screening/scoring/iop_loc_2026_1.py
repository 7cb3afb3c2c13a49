"""Rule set ``iop-loc-2026.1``: the thresholds and rules of the first published version.

Facts named here are answer codes (skipped items read as false or 0; an ASQ "declined" reads
as true), instrument facts (``phq9_total``, ``asq_result``, ...), domain ratings, and, for
urgency and flags, ``level``. See docs/level-of-care.md for the clinical account.
"""

from .rules import Bands, between, eq, ge, is_false, is_true, le, lt, rule
from .ruleset import DomainRules, RuleSet

SAFETY = DomainRules(
    "safety",
    (
        rule(5, eq("asq_result", "acute_positive"), is_true("harm_others_now")),
        rule(
            4,
            (is_true("asq_positive"), is_true("asq_3")),
            (is_true("asq_positive"), is_true("asq_4_recent")),
        ),
        rule(3, is_true("asq_positive"), ge("phq9_9", 2), is_true("harm_others")),
        rule(2, eq("phq9_9", 1)),
    ),
    summary=("asq_result", "phq9_9", "harm_others"),
)

SYMPTOMS = DomainRules(
    "symptoms",
    (
        rule(5, ge("phq9_total", 20)),
        rule(4, between("phq9_total", 15, 19), ge("gad7_total", 15), eq("pcptsd5_score", 5)),
        rule(
            3,
            between("phq9_total", 10, 14),
            between("gad7_total", 10, 14),
            between("pcptsd5_score", 3, 4),
        ),
        rule(2, between("phq9_total", 5, 9), between("gad7_total", 5, 9)),
    ),
    summary=("phq9_total", "gad7_total", "pcptsd5_score"),
)

FUNCTIONING = DomainRules(
    "functioning",
    (
        rule(5, eq("self_care", 3)),
        rule(4, eq("self_care", 2), ge("missed_days", 10)),
        rule(3, eq("self_care", 1), ge("missed_days", 5), eq("phq9_difficulty", 3)),
        rule(2, ge("missed_days", 1), ge("phq9_difficulty", 1)),
    ),
    summary=("self_care", "missed_days", "phq9_difficulty"),
)

SUBSTANCE = DomainRules(
    "substance",
    (
        rule(
            5,
            is_true("medical_unstable"),
            (is_true("withdrawal_history"), eq("auditc_3", 4)),
            (is_true("withdrawal_history"), eq("drug_freq", 4)),
        ),
        rule(4, ge("auditc_total", 8), eq("drug_freq", 4)),
        rule(3, between("auditc_total", 6, 7), eq("drug_freq", 3)),
        rule(2, between("auditc_total", 3, 5), between("drug_freq", 1, 2)),
    ),
    summary=("auditc_total", "drug_freq", "medical_unstable"),
)

SUPPORT = DomainRules(
    "support",
    (
        rule(5, (eq("living_situation", "homeless"), is_false("support_person"))),
        rule(4, eq("living_situation", "homeless"), is_false("home_safe")),
        rule(3, is_false("support_person"), eq("living_situation", "unstable")),
        rule(2, is_false("transport")),
    ),
    summary=("living_situation", "support_person", "home_safe", "transport"),
)

HISTORY = DomainRules(
    "history",
    (
        rule(4, eq("hosp_recent", 2)),
        rule(3, eq("hosp_recent", 1), is_true("discharged_recent")),
        rule(2, is_true("outpatient_insufficient")),
    ),
    summary=("hosp_recent", "discharged_recent", "outpatient_insufficient"),
)

ENGAGEMENT = DomainRules(
    "engagement",
    (
        rule(4, eq("readiness", "not_ready")),
        rule(2, eq("readiness", "unsure")),
    ),
    summary=("readiness",),
)

FLOOR = (
    rule("inpatient", eq("safety", 5), eq("functioning", 5), eq("substance", 5)),
    rule(
        "php",
        eq("safety", 4),
        eq("functioning", 4),
        (eq("symptoms", 5), ge("functioning", 3)),
    ),
    rule(
        "iop",
        eq("safety", 3),
        ge("symptoms", 4),
        eq("substance", 4),
        ge("history", 3),
        (is_true("outpatient_insufficient"), ge("symptoms", 3)),
    ),
)

URGENCY = (
    rule("emergent", eq("safety", 5)),
    rule("urgent", eq("level", "inpatient"), eq("safety", 4)),
    rule("priority", eq("level", "php"), eq("safety", 3)),
)

FLAGS = (
    rule("adolescent", between("age", 12, 17)),
    rule("crisis", eq("safety", 5)),
    rule("safety_assessment", ge("safety", 3)),
    rule("medical_review", eq("substance", 5)),
    rule("substance_use", ge("substance", 3)),
    rule("trauma_positive", is_true("pcptsd5_positive")),
    rule("step_down", is_true("discharged_recent")),
    rule("limited_support", ge("support", 3)),
    rule("low_readiness", ge("engagement", 2)),
    rule(
        "schedule_barrier",
        (eq("level", "iop"), ge("age", 18), lt("hours_available", 9)),
        (eq("level", "iop"), le("age", 17), lt("hours_available", 6)),
        (eq("level", "php"), lt("hours_available", 20)),
    ),
)

IOP_LOC_2026_1 = RuleSet(
    version="iop-loc-2026.1",
    phq9_bands=Bands(
        ((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately_severe"), (20, "severe")),
        maximum=27,
    ),
    gad7_bands=Bands(((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")), maximum=21),
    auditc_bands=Bands(((0, "low"), (3, "moderate"), (6, "high"), (8, "severe")), maximum=12),
    pcptsd5_positive_from=3,
    domains=(SAFETY, SYMPTOMS, FUNCTIONING, SUBSTANCE, SUPPORT, HISTORY, ENGAGEMENT),
    floor=FLOOR,
    floor_otherwise="outpatient",
    composite_bands=Bands(
        ((7, "outpatient"), (12, "iop"), (18, "php"), (23, "inpatient")), maximum=33
    ),
    crisis=((eq("safety", 5),),),
    urgency=URGENCY,
    urgency_otherwise="routine",
    flags=FLAGS,
)
