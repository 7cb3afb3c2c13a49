"""Rule-set data: the version, changing thresholds without code, self-checks, memo safety."""

import dataclasses
import random

import pytest

from screening.scoring import (
    DEFAULT_RULE_SET,
    LEVELS,
    RULE_SET_VERSION,
    RuleSet,
    rule_set_for,
    score_answers,
)
from screening.scoring import domains as domains_module
from screening.scoring import memo as memo_module
from screening.scoring import placement as placement_module
from screening.scoring.rules import Bands, eq, rule

from .answers import answers, phq9, random_answers
from .test_placement import C12


def test_default_version():
    assert RULE_SET_VERSION == DEFAULT_RULE_SET.version == "iop-loc-2026.1"
    assert rule_set_for("iop-loc-2026.1") is DEFAULT_RULE_SET
    with pytest.raises(KeyError):
        rule_set_for("iop-loc-1999.1")


def test_levels_are_ordered_low_to_high():
    assert LEVELS == ("outpatient", "iop", "php", "inpatient")


def test_composite_range_is_7_to_33():
    assert DEFAULT_RULE_SET.composite_range == (7, 33)


def test_a_new_version_changes_data_not_code():
    stricter = dataclasses.replace(
        DEFAULT_RULE_SET,
        version="test-2099.1",
        composite_bands=Bands(
            ((7, "outpatient"), (10, "iop"), (16, "php"), (21, "inpatient")), maximum=33
        ),
        phq9_bands=Bands(((0, "minimal"), (8, "mild"), (16, "severe")), maximum=27),
    )
    data = answers(living_situation="homeless", support_person=False)  # composite 11
    assert score_answers(data).level == "outpatient"
    result = score_answers(data, stricter)
    assert (result.rule_set, result.level, result.level_basis) == (
        "test-2099.1",
        "iop",
        "composite",
    )
    assert score_answers(answers(**phq9(12)), stricter).instruments["phq9"]["band"] == "mild"
    assert score_answers(answers(**C12), DEFAULT_RULE_SET).rule_set == "iop-loc-2026.1"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"floor": (rule("day_care", eq("safety", 5)),)}, "unknown level 'day_care'"),
        ({"urgency": (rule("asap", eq("safety", 5)),)}, "unknown urgency 'asap'"),
        ({"flags": (rule("x", eq("shoe_size", 9)),)}, "unknown fact 'shoe_size'"),
        ({"domains": DEFAULT_RULE_SET.domains[::-1]}, "domains must be exactly"),
        (
            {"composite_bands": Bands(((7, "outpatient"), (12, "iop")), maximum=20)},
            "composite bands must reach",
        ),
        ({"gad7_bands": Bands(((0, "minimal"),), maximum=10)}, "GAD-7 bands must reach"),
        (
            {"flags": (rule("x", eq("age", 12)), rule("x", eq("age", 13)))},
            "each flag needs exactly one rule",
        ),
    ],
)
def test_inconsistent_rule_sets_are_rejected(change, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(DEFAULT_RULE_SET, **change)


def test_bands_must_ascend():
    with pytest.raises(ValueError, match="ascend"):
        Bands(((5, "b"), (0, "a")), maximum=10)


def test_memoized_domain_results_equal_freshly_computed_ones(monkeypatch):
    rng = random.Random(2026)
    samples = [random_answers(rng) for _ in range(400)]
    cached = [score_answers(data) for data in samples]
    monkeypatch.setattr(memo_module, "CACHE_LIMIT", 0)
    fresh_rule_set = dataclasses.replace(DEFAULT_RULE_SET)
    assert isinstance(fresh_rule_set, RuleSet)
    fresh = [score_answers(data, fresh_rule_set) for data in samples]
    assert fresh == cached
    assert all(not plan.memo.store for plan in domains_module.domain_plans(fresh_rule_set))
    assert not placement_module._level_memo(fresh_rule_set).store
