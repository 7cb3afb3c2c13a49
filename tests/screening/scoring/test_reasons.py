"""Staff reasons (spec section 7): one per domain naming what set it, one for the level."""

from screening.scoring import DOMAINS, score_answers

from .answers import answers, auditc, gad7, pcptsd, phq9
from .test_placement import C12, C23


def reasons(**overrides: object) -> list[str]:
    return score_answers(answers(**overrides)).reasons


def reason(domain: str, **overrides: object) -> str:
    return reasons(**overrides)[DOMAINS.index(domain)]


def test_one_reason_per_domain_in_order_then_the_level():
    result = score_answers(answers(self_care=2, drug_freq=3))
    assert len(result.reasons) == len(DOMAINS) + 1
    for domain, text in zip(DOMAINS, result.reasons, strict=False):
        assert text.startswith(f"{domain} {result.domains[domain]}: ")
    assert result.reasons[-1].startswith("level php: ")


def test_symptoms_reason_names_the_phq9_total_and_band():
    assert reason("symptoms", **phq9(17)) == "symptoms 4: PHQ-9 total 17, moderately severe"


def test_symptoms_reason_names_every_instrument_that_reached_the_rating():
    text = reason("symptoms", **phq9(15), **gad7(16), **pcptsd(5))
    assert text == (
        "symptoms 4: PHQ-9 total 15, moderately severe; GAD-7 total 16, severe; "
        "PC-PTSD-5 score 5 of 5"
    )


def test_safety_reasons_quote_the_answers():
    acute = reason("safety", asq_1=True, asq_5="declined")
    assert acute == "safety 5: ASQ acute positive (asq_5 declined, counted as yes)"
    recent = reason("safety", asq_4=True, asq_4_recent=True, asq_5=False)
    assert recent.startswith("safety 4: ASQ non-acute positive; ")
    assert 'most recent suicide attempt within 3 months: "Yes"' in recent
    declined = reason("safety", asq_3="declined", asq_5=False)
    assert "(asq_3 declined, counted as yes)" in declined
    assert '"I\'d rather not say" (counted as yes)' in declined
    item_9 = reason("safety", phq9_9=2)
    assert (
        item_9 == 'safety 3: PHQ-9 #9 (thoughts of death or self-harm): "More than half the days"'
    )
    others = reason("safety", harm_others=True, harm_others_now=True)
    assert others == 'safety 5: intent or plan to hurt someone right now: "Yes"'


def test_functioning_substance_support_history_engagement_reasons():
    assert reason("functioning", missed_days=10) == "functioning 4: days missed in the past 14: 10"
    assert (
        reason("functioning", self_care=3)
        == 'functioning 5: managing basic needs: "I\'m unable to manage them"'
    )
    substance = reason("substance", withdrawal_history=True, **auditc(2, 0, 4))
    assert substance.startswith("substance 5: seizures, DTs or hallucinations on withdrawal")
    assert 'AUDIT-C #3 (six or more drinks at once): "Daily or almost daily"' in substance
    assert reason("substance", **auditc(4, 2, 2)) == "substance 4: AUDIT-C total 8, severe"
    support = reason("support", living_situation="homeless", support_person=False)
    assert support == (
        'support 5: living situation: "I don\'t have a place to live"; '
        'has a supportive person: "No"'
    )
    assert reason("history", hosp_recent=1) == (
        'history 3: hospital stays or emergency visits, past 6 months: "Once"'
    )
    assert reason("engagement", readiness="not_ready") == (
        'engagement 4: readiness for several sessions a week: "Not now"'
    )


def test_lowest_rating_says_nothing_higher_applied_and_what_was_looked_at():
    text = reason("symptoms", **phq9(4))
    assert text.startswith("symptoms 1: no higher rating applies (")
    assert "PHQ-9 total 4, minimal" in text
    assert "GAD-7 total 0, minimal" in text
    assert "no traumatic event reported" in text


def test_level_reason_when_the_floor_decides():
    text = reasons(self_care=2)[-1]
    assert text == (
        "level php: decided by floor rule 2 (functioning 4), which sets php; "
        "composite 10 is in the outpatient band (7–11)"
    )


def test_level_reason_when_the_composite_band_decides():
    text = reasons(**C12)[-1]
    assert text == (
        "level iop: decided by the composite band: composite 12 is in the iop band (12–17), "
        "above floor rule 4 (none of floor rules 1–3 applies), which sets outpatient"
    )


def test_level_reason_names_each_ground_of_the_floor_rule():
    text = reasons(outpatient_insufficient=True, **phq9(10))[-1]
    assert text.startswith(
        "level iop: decided by floor rule 3 (weekly outpatient therapy not enough, "
        'past 6 months: "Yes"; symptoms 3), which sets iop'
    )


def test_top_composite_band_is_described_as_open_ended():
    assert "composite 23 is in the inpatient band (23 and over)" in reasons(**C23)[-1]
