"""Rule sets for the screening tests. (Staff fixtures are in tests/conftest.py.)"""

import dataclasses

import pytest

from screening.scoring import DEFAULT_RULE_SET, RULE_SETS
from screening.scoring.rules import Bands

TEST_VERSION = "test-loc-0.1"
"""A test-only rule set: the default's rules with a lower iop band (composite 10 and 11 are
iop here, outpatient in the default). Never registered outside these tests."""


@pytest.fixture
def second_rule_set(monkeypatch):
    """Registers ``TEST_VERSION`` alongside the default for one test."""
    rule_set = dataclasses.replace(
        DEFAULT_RULE_SET,
        version=TEST_VERSION,
        composite_bands=Bands(
            ((7, "outpatient"), (10, "iop"), (18, "php"), (23, "inpatient")), maximum=33
        ),
    )
    monkeypatch.setitem(RULE_SETS, TEST_VERSION, rule_set)
    return rule_set
