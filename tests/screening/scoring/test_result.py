"""The result object: the section 8 shape, and the applicant's plain-language summary."""

import json
import re

import pytest

from screening.scoring import RULE_SET_VERSION, ScreeningResult, score_answers

from .answers import answers, phq9
from .test_placement import C12, C18

SPEC_EXAMPLE = {
    "rule_set": "iop-loc-2026.1",
    "level": "iop",
    "crisis": False,
    "urgency": "routine",
    "composite": 14,
    "domains": {
        "safety": 1,
        "symptoms": 3,
        "functioning": 3,
        "substance": 1,
        "support": 3,
        "history": 2,
        "engagement": 1,
    },
    "instruments": {
        "phq9": {"total": 12, "band": "moderate"},
        "gad7": {"total": 8, "band": "mild"},
        "asq": {"result": "negative"},
        "pcptsd5": {"score": 0, "positive": False},
        "auditc": {"total": 0, "band": "low"},
    },
    "flags": ["limited_support"],
    "reasons": ["..."],
}

SPEC_EXAMPLE_ANSWERS = answers(
    **phq9(12),
    gad7_1=3,
    gad7_2=3,
    gad7_3=2,
    self_care=1,
    support_person=False,
    outpatient_insufficient=True,
)


def test_to_dict_reproduces_the_spec_example():
    result = score_answers(SPEC_EXAMPLE_ANSWERS)
    output = result.to_dict()
    assert list(output) == list(SPEC_EXAMPLE)
    assert {key: value for key, value in output.items() if key != "reasons"} == {
        key: value for key, value in SPEC_EXAMPLE.items() if key != "reasons"
    }
    assert list(output["domains"]) == list(SPEC_EXAMPLE["domains"])
    assert list(output["instruments"]) == list(SPEC_EXAMPLE["instruments"])
    assert len(output["reasons"]) == 8
    assert result.rule_set == RULE_SET_VERSION == "iop-loc-2026.1"
    assert result.level_basis == "floor"


def test_to_dict_is_json_and_a_copy():
    result = score_answers(answers(self_care=2))
    output = result.to_dict()
    assert json.loads(json.dumps(output)) == output
    output["domains"]["safety"] = 5
    output["instruments"]["phq9"]["total"] = 99
    output["flags"].append("crisis")
    output["reasons"].clear()
    assert result.domains["safety"] == 1
    assert result.instruments["phq9"]["total"] == 0
    assert "crisis" not in result.flags
    assert len(result.reasons) == 8


def test_result_is_frozen():
    result = score_answers(answers())
    with pytest.raises(AttributeError):
        result.level = "php"  # type: ignore[misc]
    assert isinstance(result, ScreeningResult)


def test_same_answers_give_equal_results():
    assert score_answers(answers(**C18)) == score_answers(answers(**C18))


# The applicant summary: what kind of care may fit, in plain words.

JARGON = re.compile(
    r"PHQ|GAD|ASQ|AUDIT|PC-PTSD|score|composite|domain|rating|floor|band|"
    r"\biop\b|\bphp\b|urgent|emergent|priority|routine|flag",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    ("given", "care_words"),
    [
        ({}, "regular outpatient care"),
        (C12, "intensive outpatient program"),
        ({"self_care": 2}, "day treatment program"),
        ({"self_care": 3}, "hospital or a residential program"),
        ({"asq_1": True, "asq_5": True}, "hospital or a residential program"),
    ],
)
def test_applicant_summary_names_the_kind_of_care_without_scores_or_jargon(given, care_words):
    summary = score_answers(answers(**given)).applicant_summary()
    text = " ".join(summary)
    assert care_words in text
    assert not JARGON.search(text)
    assert not re.search(r"\d", text.replace("988", "").replace("911", ""))
    assert summary[-1].startswith("This is a first suggestion, not a diagnosis.")


def test_applicant_summary_leads_with_crisis_help():
    summary = score_answers(answers(harm_others=True, harm_others_now=True)).applicant_summary()
    assert "988" in summary[0]
    assert "911" in summary[0]
    assert "alerted" in " ".join(summary)


def test_applicant_summary_without_crisis_does_not_mention_crisis_lines():
    assert "988" not in " ".join(score_answers(answers(self_care=2)).applicant_summary())


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ({}, "within a few days"),
        ({"self_care": 2}, "within about a day"),
        ({"self_care": 3}, "within the next few hours"),
        ({"asq_1": True, "asq_5": True}, "straight away"),
    ],
)
def test_applicant_summary_says_when_we_will_be_in_touch(given, words):
    assert words in " ".join(score_answers(answers(**given)).applicant_summary())


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ({"medical_unstable": True}, "talk to a doctor before you cut down"),
        ({"discharged_recent": True}, "without a gap"),
        ({**phq9(15), "hours_available": 3}, "your time each week is limited"),
        ({"home_safe": False}, "getting to appointments"),
        ({"readiness": "unsure"}, "It's okay not to feel ready"),
    ],
)
def test_applicant_summary_adds_plain_notes_for_some_flags(given, words):
    assert words in " ".join(score_answers(answers(**given)).applicant_summary())
