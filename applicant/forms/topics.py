"""One form per topic page, and the follow-up form that asks a topic's conditional questions
on their own page when they could not be revealed inline."""

import copy
from collections.abc import Mapping
from functools import cache
from typing import ClassVar

from django import forms
from django.utils.functional import cached_property

from screening.scoring import is_asked
from screening.scoring.items import ITEMS_BY_CODE

from ..steps import GROUPS_BY_KEY, conditional_codes
from .codec import decode, encode
from .layout import after_question, conditional_block, field_layout, make_helper
from .questions import question_field


@cache
def topic_fields(form_class: type["TopicForm"]) -> dict[str, forms.Field]:
    """Every question of the topic as a form field, built once per form class (each form
    deep-copies them, as Django does a form's declared fields). Conditional questions are
    optional here and their inputs disabled until script reveals them."""
    conditional = conditional_codes(form_class.topic)
    fields = {}
    for question in GROUPS_BY_KEY[form_class.topic].questions:
        code = question.code
        field = question_field(
            code, required=ITEMS_BY_CODE[code].required and code not in conditional
        )
        if code in conditional:
            field.widget.attrs["disabled"] = True
        fields[code] = field
    return fields


class TopicForm(forms.Form):
    """Every question of one topic. Conditional questions are optional here: when they are
    asked but left out (no JavaScript, or skipped), the topic's follow-up page asks them."""

    topic: ClassVar[str] = ""

    def __init__(
        self,
        *args,
        context: Mapping[str, object] | None = None,
        reading_only: bool = False,
        **kwargs,
    ) -> None:
        """``reading_only``: the form is bound only to validate its data and read the answers
        (the wizard's page conditions), never drawn, so it uses the class's fields as they
        are instead of its own copies."""
        super().__init__(*args, **kwargs)
        self.context = dict(context or {})
        self.conditional = conditional_codes(self.topic)
        fields = topic_fields(type(self))
        self.fields = fields if reading_only else copy.deepcopy(fields)
        self.reading_only = reading_only
        self.answers: dict[str, object] = {}

    @cached_property
    def helper(self):
        """The page's layout, built only when the page is drawn: the wizard also binds these
        forms just to read their answers (its page conditions), and the layout is over a third
        of building one."""
        if self.reading_only:
            raise TypeError("a form bound only to read its answers shares its fields: not drawn")
        blocks = []
        for code in self.fields:
            conditional = code in self.conditional
            blocks.append(
                conditional_block(self, code) if conditional else field_layout(self, code)
            )
            blocks.extend(after_question(code))
        return make_helper(*blocks)

    @property
    def item9_visible(self) -> bool:
        """PHQ-9 item 9 is answered above "Not at all" (bound or saved): show its note."""
        if "phq9_9" not in self.fields:
            return False
        return str(self["phq9_9"].value()) in ("1", "2", "3")

    def clean(self):
        cleaned = super().clean()
        answers = {}
        for code in self.fields:
            value = decode(code, cleaned.get(code))
            if value is not None:
                answers[code] = value
        known = {**self.context, **answers}
        for code in self.conditional:
            if code in answers and not is_asked(code, known):
                del answers[code]
        self.answers = answers
        return cleaned

    def step_answers(self) -> dict[str, object]:
        """What saving this page changes: the answers given, ``None`` for optional questions
        left blank. A conditional question still asked but not answered here is left as it
        was: the follow-up page is about to ask it."""
        changes: dict[str, object] = dict(self.answers)
        for code in self.fields:
            if code not in changes and code not in self.conditional:
                changes[code] = None
        return changes

    def missing_follow_ups(self) -> list[str]:
        known = {**self.context, **self.answers}
        return [c for c in self.conditional if is_asked(c, known) and c not in self.answers]

    @classmethod
    def data_from_answers(cls, answers: Mapping[str, object]) -> dict[str, object] | None:
        """Form data re-creating this page from saved answers; ``None`` if never completed."""
        group = GROUPS_BY_KEY[cls.topic]
        conditional = conditional_codes(cls.topic)
        required = [
            q.code
            for q in group.questions
            if ITEMS_BY_CODE[q.code].required and q.code not in conditional
        ]
        if any(code not in answers for code in required):
            return None
        return {q.code: encode(answers[q.code]) for q in group.questions if q.code in answers}


class FollowUpForm(forms.Form):
    """The conditional questions of one topic that the topic page left unanswered."""

    topic: ClassVar[str] = ""

    def __init__(self, *args, context: Mapping[str, object] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.context = dict(context or {})
        for code in conditional_codes(self.topic):
            if is_asked(code, self.context) and code not in self.context:
                self.fields[code] = question_field(code, required=True)
        self.answers: dict[str, object] = {}

    @cached_property
    def helper(self):
        """Built when the page is drawn (see ``TopicForm.helper``)."""
        return make_helper(
            *(
                block
                for code in self.fields
                for block in (field_layout(self, code), *after_question(code))
            )
        )

    def clean(self):
        cleaned = super().clean()
        self.answers = {
            code: value
            for code in self.fields
            if (value := decode(code, cleaned.get(code))) is not None
        }
        return cleaned

    def step_answers(self) -> dict[str, object]:
        return dict(self.answers)


def _topic_form(topic: str) -> type[TopicForm]:
    name = "".join(part.title() for part in topic.split("_")) + "Form"
    return type(name, (TopicForm,), {"topic": topic, "__module__": __name__})


def _follow_up_form(topic: str) -> type[FollowUpForm]:
    name = "".join(part.title() for part in topic.split("_")) + "FollowUpForm"
    return type(name, (FollowUpForm,), {"topic": topic, "__module__": __name__})


TOPIC_FORMS: dict[str, type[TopicForm]] = {
    topic: _topic_form(topic)
    for topic in (
        "mood",
        "anxiety",
        "safety",
        "trauma",
        "substance",
        "functioning",
        "history",
        "support",
        "availability",
        "goals",
    )
}
FOLLOW_UP_FORMS: dict[str, type[FollowUpForm]] = {
    topic: _follow_up_form(topic) for topic in ("safety", "trauma", "substance")
}
