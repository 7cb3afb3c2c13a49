"""X12 005010X279A1 eligibility: build a 270 inquiry, read it back (the fake clearinghouse
does), build a 271 answer (the fake clearinghouse) and read a 271 into an
``EligibilityResult``. Plain Python, no Django. Separators: ``*`` element, ``~`` segment,
``:`` component, ``^`` repetition."""

from __future__ import annotations

from datetime import date, datetime

from .records import EligibilityError, EligibilityRequest, EligibilityResult

ELEMENT, SEGMENT, COMPONENT, REPEAT = "*", "~", ":", "^"
VERSION = "005010X279A1"

# AAA03 reject reasons a payer may give for the subscriber (a subset of the code list).
REJECT_REASONS = {
    "15": "Required application data missing",
    "42": "Unable to respond at current time",
    "43": "Invalid or missing provider identification",
    "58": "Invalid or missing date of birth",
    "72": "Invalid or missing member id",
    "73": "Invalid or missing subscriber name",
    "75": "Subscriber not found",
    "76": "Duplicate subscriber",
}
# EB01 codes this reader understands.
ACTIVE, INACTIVE, NOT_COVERED = "1", "6", "I"
COPAY, DEDUCTIBLE, COINSURANCE, OUT_OF_POCKET = "B", "C", "A", "G"
TIME_PERIODS = {"23": "per calendar year", "27": "per visit", "29": "remaining", "32": "lifetime"}


def _clean(value: str) -> str:
    """No separator may appear inside an element: strip them (names with an asterisk)."""
    for ch in (ELEMENT, SEGMENT, COMPONENT, REPEAT, "\n", "\r"):
        value = value.replace(ch, " ")
    return value.strip().upper()


def _segment(*elements: str) -> str:
    return ELEMENT.join(elements).rstrip(ELEMENT) + SEGMENT


def _envelope(
    body: list[str], *, kind: str, sender: str, receiver: str, control: int, at: datetime
) -> str:
    group = "HS" if kind == "270" else "HB"
    isa = ELEMENT.join(
        [
            "ISA",
            "00",
            " " * 10,
            "00",
            " " * 10,
            "ZZ",
            _clean(sender)[:15].ljust(15),
            "ZZ",
            _clean(receiver)[:15].ljust(15),
            at.strftime("%y%m%d"),
            at.strftime("%H%M"),
            REPEAT,
            "00501",
            f"{control:09d}",
            "0",
            "T",
            COMPONENT,
        ]
    )
    segments = [
        _segment("ST", kind, "0001", VERSION),
        *body,
    ]
    segments.append(_segment("SE", str(len(segments) + 1), "0001"))
    return "".join(
        [
            isa + SEGMENT,
            _segment(
                "GS",
                group,
                _clean(sender),
                _clean(receiver),
                at.strftime("%Y%m%d"),
                at.strftime("%H%M"),
                str(control),
                "X",
                VERSION,
            ),
            *segments,
            _segment("GE", "1", str(control)),
            _segment("IEA", "1", f"{control:09d}"),
        ]
    )


def build_270(
    request: EligibilityRequest, *, sender: str, receiver: str, control: int, at: datetime
) -> str:
    """The inquiry for one subscriber (the patient is the subscriber)."""
    subscriber = [
        _segment("HL", "3", "2", "22", "0"),
        _segment("TRN", "1", _clean(request.trace), "9" + _clean(sender)[:9]),
        _segment(
            "NM1",
            "IL",
            "1",
            _clean(request.last_name),
            _clean(request.first_name),
            "",
            "",
            "",
            "MI",
            _clean(request.member_id),
        ),
    ]
    if request.date_of_birth:
        subscriber.append(_segment("DMG", "D8", request.date_of_birth.strftime("%Y%m%d")))
    subscriber += [
        _segment("DTP", "291", "D8", request.service_date.strftime("%Y%m%d")),
        _segment("EQ", _clean(request.service_type)),
    ]
    body = [
        _segment(
            "BHT", "0022", "13", _clean(request.trace), at.strftime("%Y%m%d"), at.strftime("%H%M")
        ),
        _segment("HL", "1", "", "20", "1"),
        _segment(
            "NM1",
            "PR",
            "2",
            _clean(request.payer_name),
            "",
            "",
            "",
            "",
            "PI",
            _clean(request.payer_id),
        ),
        _segment("HL", "2", "1", "21", "1"),
        _segment(
            "NM1",
            "1P",
            "2",
            _clean(request.provider_name),
            "",
            "",
            "",
            "",
            "XX",
            _clean(request.provider_npi),
        ),
        *subscriber,
    ]
    return _envelope(body, kind="270", sender=sender, receiver=receiver, control=control, at=at)


def segments(text: str) -> list[list[str]]:
    """The interchange split into segments of elements. The separators are read from the
    ISA header (element: 4th character; segment: after the 106-character ISA)."""
    text = text.strip()
    if not text.startswith("ISA") or len(text) < 106:
        raise EligibilityError("The clearinghouse answer is not an X12 interchange.")
    element, terminator = text[3], text[105]
    rows = []
    for raw in text.split(terminator):
        raw = raw.strip()
        if raw:
            rows.append(raw.split(element))
    return rows


def _transaction(rows: list[list[str]], kind: str) -> list[list[str]]:
    kinds = [row[1] for row in rows if row[0] == "ST" and len(row) > 1]
    if kinds != [kind]:
        raise EligibilityError(f"Expected one X12 {kind} transaction.")
    return rows


def _get(row: list[str], index: int) -> str:
    return row[index].strip() if len(row) > index else ""


def _date(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


def parse_270(text: str) -> dict[str, object]:
    """The fields of an inquiry (the fake clearinghouse answers from these)."""
    rows = _transaction(segments(text), "270")
    found: dict[str, object] = {"control": 0, "sender": "", "receiver": ""}
    for row in rows:
        tag = row[0]
        if tag == "ISA":
            found.update(
                sender=_get(row, 6), receiver=_get(row, 8), control=int(_get(row, 13) or 0)
            )
        elif tag == "TRN":
            found["trace"] = _get(row, 2)
        elif tag == "NM1" and _get(row, 1) == "PR":
            found.update(payer_name=_get(row, 3), payer_id=_get(row, 9))
        elif tag == "NM1" and _get(row, 1) == "1P":
            found.update(provider_name=_get(row, 3), provider_npi=_get(row, 9))
        elif tag == "NM1" and _get(row, 1) == "IL":
            found.update(last_name=_get(row, 3), first_name=_get(row, 4), member_id=_get(row, 9))
        elif tag == "DMG":
            found["date_of_birth"] = _date(_get(row, 2))
        elif tag == "DTP" and _get(row, 1) == "291":
            found["service_date"] = _date(_get(row, 3))
        elif tag == "EQ":
            found["service_type"] = _get(row, 1)
    if not found.get("trace") or "member_id" not in found:
        raise EligibilityError("The inquiry names no subscriber.")
    return found


def build_271(
    inquiry: dict[str, object],
    *,
    benefits: list[tuple[str, ...]],
    group_number: str = "",
    coverage: tuple[date, date] | None = None,
    reject: str = "",
    messages: tuple[str, ...] = (),
    sender: str,
    receiver: str,
    control: int,
    at: datetime,
) -> str:
    """An answer to ``inquiry``: ``benefits`` are EB segments' elements after the tag;
    ``reject`` an AAA03 reason code (then no benefits are given)."""
    body = [
        _segment(
            "BHT", "0022", "11", str(inquiry["trace"]), at.strftime("%Y%m%d"), at.strftime("%H%M")
        ),
        _segment("HL", "1", "", "20", "1"),
        _segment(
            "NM1",
            "PR",
            "2",
            str(inquiry.get("payer_name", "")),
            "",
            "",
            "",
            "",
            "PI",
            str(inquiry.get("payer_id", "")),
        ),
        _segment("HL", "2", "1", "21", "1"),
        _segment(
            "NM1",
            "1P",
            "2",
            str(inquiry.get("provider_name", "")),
            "",
            "",
            "",
            "",
            "XX",
            str(inquiry.get("provider_npi", "")),
        ),
        _segment("HL", "3", "2", "22", "0"),
        _segment("TRN", "2", str(inquiry["trace"]), "9" + _clean(receiver)[:9]),
        _segment(
            "NM1",
            "IL",
            "1",
            str(inquiry.get("last_name", "")),
            str(inquiry.get("first_name", "")),
            "",
            "",
            "",
            "MI",
            str(inquiry.get("member_id", "")),
        ),
    ]
    if reject:
        body.append(_segment("AAA", "N", "", reject, "C"))
    else:
        if group_number:
            body.append(_segment("REF", "6P", _clean(group_number)))
        if coverage:
            start, end = coverage
            body.append(_segment("DTP", "291", "RD8", f"{start:%Y%m%d}-{end:%Y%m%d}"))
        body += [_segment("EB", *benefit) for benefit in benefits]
        body += [_segment("MSG", _clean(text)) for text in messages]
    return _envelope(body, kind="271", sender=sender, receiver=receiver, control=control, at=at)


def _money(value: str) -> str:
    try:
        amount = float(value)
    except ValueError:
        return value
    return f"${amount:,.2f}".replace(".00", "")


def _network(flag: str) -> str:
    return {"Y": "in network", "N": "out of network"}.get(flag, "")


def _cost_line(row: list[str]) -> str:
    code, period, amount, percent = _get(row, 1), _get(row, 6), _get(row, 7), _get(row, 8)
    what = {
        COPAY: "Copay",
        DEDUCTIBLE: "Deductible",
        COINSURANCE: "Coinsurance",
        OUT_OF_POCKET: "Out-of-pocket maximum",
    }[code]
    value = _money(amount) if amount else (f"{float(percent) * 100:g}%" if percent else "")
    parts = [what, value, TIME_PERIODS.get(period, ""), _network(_get(row, 12))]
    return " ".join(p for p in parts if p)


def parse_271(text: str, *, trace: str) -> EligibilityResult:
    """Read the answer to the inquiry with ``trace``: coverage active or not, network,
    plan, group, coverage dates, the mental-health benefit and its costs."""
    rows = _transaction(segments(text), "271")
    traces = [_get(row, 2) for row in rows if row[0] == "TRN"]
    if trace not in traces:
        raise EligibilityError("The clearinghouse answered a different inquiry.")
    active: bool | None = None
    networks: list[str] = []
    plan = group = rejection = ""
    start = end = None
    benefit_notes: list[str] = []
    cost_notes: list[str] = []
    messages: list[str] = []
    for row in rows:
        tag = row[0]
        if tag == "AAA":
            code = _get(row, 3)
            rejection = REJECT_REASONS.get(code, f"Rejected (reason {code or 'not given'})")
        elif tag == "REF" and _get(row, 1) in ("6P", "18"):
            group = _get(row, 2)
        elif tag == "DTP" and _get(row, 1) in ("291", "346", "347", "356", "357"):
            qualifier, value = _get(row, 2), _get(row, 3)
            if qualifier == "RD8" and "-" in value:
                first, last = value.split("-", 1)
                start, end = _date(first), _date(last)
            elif _get(row, 1) in ("346", "356"):
                start = _date(value)
            elif _get(row, 1) in ("347", "357"):
                end = _date(value)
        elif tag == "EB":
            code = _get(row, 1)
            if _get(row, 12):
                networks.append(_get(row, 12))
            if code == ACTIVE:
                active = True
                plan = plan or _get(row, 5)
                service = _get(row, 3)
                line = "Active coverage" + (f" for service type {service}" if service else "")
                network = _network(_get(row, 12))
                benefit_notes.append(line + (f", {network}" if network else ""))
            elif code == INACTIVE:
                active = False if active is None else active
                benefit_notes.append("Coverage inactive")
            elif code == NOT_COVERED:
                benefit_notes.append(f"Not covered: service type {_get(row, 3) or 'unknown'}")
            elif code in (COPAY, DEDUCTIBLE, COINSURANCE, OUT_OF_POCKET):
                cost_notes.append(_cost_line(row))
        elif tag == "MSG":
            messages.append(_get(row, 1))
    if rejection:
        active = None
    elif active is None:
        active = False
    in_network = None
    if "Y" in networks:
        in_network = True
    elif "N" in networks:
        in_network = False
    return EligibilityResult(
        trace=trace,
        active=active,
        in_network=in_network,
        plan=plan,
        group_number=group,
        coverage_start=start,
        coverage_end=end,
        benefit_notes="; ".join(benefit_notes + messages),
        cost_notes="; ".join(cost_notes),
        rejection=rejection,
        messages=tuple(messages),
    )
