"""A topic page's fields are built once per form class: each drawn form works on its own
copies; a form bound only to read its answers (the wizard's page conditions) shares them and
cannot be drawn."""

import pytest

from applicant.forms import TOPIC_FORMS
from applicant.forms.topics import topic_fields

SafetyForm = TOPIC_FORMS["safety"]


def test_each_drawn_form_has_its_own_copies_of_the_fields():
    one, two = SafetyForm(prefix="screener"), SafetyForm(prefix="screener")
    one.fields["asq_1"].widget.attrs["data-probe"] = "changed"

    assert "data-probe" not in two.fields["asq_1"].widget.attrs
    assert "data-probe" not in topic_fields(SafetyForm)["asq_1"].widget.attrs
    assert list(one.fields) == list(topic_fields(SafetyForm))
    assert one.helper.layout  # drawn forms get their layout


CALM = {**{f"asq_{n}": "false" for n in range(1, 5)}, "harm_others": "false"}


@pytest.mark.parametrize(
    "answers",
    [
        CALM,
        {**CALM, "asq_1": "true"},  # asq_5 is asked next: a follow-up is missing
        {**CALM, "asq_1": "maybe"},
        {},
    ],
    ids=["calm", "follow-up missing", "invalid", "empty"],
)
def test_a_reading_only_form_validates_like_a_drawn_one_and_is_never_drawn(answers):
    data = {f"screener-{code}": value for code, value in answers.items()}
    drawn = SafetyForm(data=data, prefix="screener")
    reading = SafetyForm(data=data, prefix="screener", reading_only=True)

    assert drawn.is_valid() == reading.is_valid()
    assert drawn.errors == reading.errors
    assert (drawn.answers, drawn.missing_follow_ups()) == (
        reading.answers,
        reading.missing_follow_ups(),
    )
    assert reading.fields is topic_fields(SafetyForm)
    with pytest.raises(TypeError):
        reading.helper  # noqa: B018
