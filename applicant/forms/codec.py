"""How answer values travel through HTML forms: every value becomes a string (or a list of
strings) and comes back as the JSON value the rule set expects."""

from screening.scoring.items import ITEMS_BY_CODE, Kind

FormValue = str | list[str]


def encode(value: object) -> FormValue:
    """An answer value as a form value: ``True`` -> ``"true"``, ``2`` -> ``"2"``."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, list | tuple):
        return [str(entry) for entry in value]
    return str(value)


def decode(code: str, raw: object) -> object:
    """A cleaned form value as the answer the rule set expects; ``None`` for no answer."""
    if raw in (None, "", []):
        return None
    kind = ITEMS_BY_CODE[code].kind
    if kind is Kind.INTEGER:
        return int(raw)  # type: ignore[arg-type]
    if kind in (Kind.BOOLEAN, Kind.ASQ):
        return {"true": True, "false": False}.get(raw, raw)  # type: ignore[arg-type]
    if kind is Kind.MULTI:
        return list(raw)  # type: ignore[call-overload]
    return raw
