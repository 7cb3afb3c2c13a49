"""Choice lists whose labels are marked English words (``applicant.wording``), shown in the
active language."""

from collections.abc import Iterable

from ..wording import say_lazy


def lazy_choices(choices: Iterable[tuple[object, str]]) -> list[tuple[object, str]]:
    return [(value, say_lazy(label)) for value, label in choices]
