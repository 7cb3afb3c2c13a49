"""Urgency and first-contact deadlines (spec section 5)."""

import pytest

from screening.scoring import FIRST_CONTACT_HOURS, URGENCIES, score_answers

from .answers import answers, phq9
from .test_placement import C18, C23


@pytest.mark.parametrize(
    ("given", "level", "urgency"),
    [
        ({"asq_2": True, "asq_5": True}, "inpatient", "emergent"),
        ({"harm_others": True, "harm_others_now": True}, "inpatient", "emergent"),
        ({"self_care": 3}, "inpatient", "urgent"),
        (C23, "inpatient", "urgent"),
        ({"asq_3": True, "asq_5": False}, "php", "urgent"),
        ({"asq_4": True, "asq_4_recent": True, "asq_5": False}, "php", "urgent"),
        ({"self_care": 2}, "php", "priority"),
        (C18, "php", "priority"),
        ({"phq9_9": 2}, "iop", "priority"),
        ({"harm_others": True, "harm_others_now": False}, "iop", "priority"),
        (phq9(15), "iop", "routine"),
        ({"phq9_9": 1}, "outpatient", "routine"),
        ({}, "outpatient", "routine"),
    ],
)
def test_urgency_rows(given, level, urgency):
    result = score_answers(answers(**given))
    assert (result.level, result.urgency) == (level, urgency)


def test_urgencies_are_ordered_low_to_high():
    assert URGENCIES == ("routine", "priority", "urgent", "emergent")


def test_default_first_contact_deadlines():
    assert FIRST_CONTACT_HOURS == {"emergent": 1, "urgent": 4, "priority": 24, "routine": 72}


@pytest.mark.parametrize(
    ("given", "hours"),
    [({"asq_1": True, "asq_5": True}, 1), ({"self_care": 3}, 4), ({"self_care": 2}, 24), ({}, 72)],
)
def test_result_carries_its_default_deadline(given, hours):
    assert score_answers(answers(**given)).first_contact_hours == hours
