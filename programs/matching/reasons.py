"""A reason is the English sentence staff read (a ``str``) that also carries a code and the
values it was built from, so that the applicant's pages can word it in their own language
(``programs.match_words``). No Django here."""

from __future__ import annotations

from typing import Any


class Reason(str):
    """``Reason("open_places", "2 open places", count=2)`` is ``"2 open places"``."""

    code: str
    params: dict[str, Any]

    def __new__(cls, code: str, english: str, **params: Any) -> Reason:
        reason = super().__new__(cls, english)
        reason.code = code
        reason.params = params
        return reason

    def __reduce__(self):  # pickling keeps the code and values
        return (_rebuild, (self.code, str(self), self.params))


def _rebuild(code: str, english: str, params: dict[str, Any]) -> Reason:
    return Reason(code, english, **params)
