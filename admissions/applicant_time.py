"""The applicant's own clock: their time zone from state and ZIP, and the hours the clinic
may call or text them (8 a.m. to 9 p.m. where they are).

Plain Python (zoneinfo and a table), so it works offline and is the one answer for the
contact form, the contact-attempt service and the follow-up scheduler. A state in one time
zone maps straight to it; for the states split between zones, the first three digits of the
ZIP code pick the zone (a county-level split finer than that falls back to the state's main
zone). No state and no ZIP: the clinic's own zone (settings.TIME_ZONE), said so on screen.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

CALLING_STARTS = time(8, 0)
CALLING_ENDS = time(21, 0)  # the last call or text starts before 9 p.m.

EASTERN, CENTRAL, MOUNTAIN, PACIFIC = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
)

STATE_ZONES: dict[str, str] = {
    **dict.fromkeys(
        [
            "CT",
            "DC",
            "DE",
            "GA",
            "MA",
            "MD",
            "ME",
            "NC",
            "NH",
            "NJ",
            "NY",
            "OH",
            "PA",
            "RI",
            "SC",
            "VA",
            "VT",
            "WV",
        ],
        EASTERN,
    ),
    "FL": EASTERN,
    "IN": "America/Indiana/Indianapolis",
    "KY": EASTERN,
    "MI": "America/Detroit",
    **dict.fromkeys(
        [
            "AL",
            "AR",
            "IA",
            "IL",
            "KS",
            "LA",
            "MN",
            "MO",
            "MS",
            "ND",
            "NE",
            "OK",
            "SD",
            "TN",
            "TX",
            "WI",
        ],
        CENTRAL,
    ),
    **dict.fromkeys(["CO", "MT", "NM", "UT", "WY"], MOUNTAIN),
    "ID": "America/Boise",
    "AZ": "America/Phoenix",  # no daylight saving time
    **dict.fromkeys(["CA", "NV", "OR", "WA"], PACIFIC),
    "AK": "America/Anchorage",
    "HI": "Pacific/Honolulu",
    "PR": "America/Puerto_Rico",
    "VI": "America/St_Thomas",
    "GU": "Pacific/Guam",
    "MP": "Pacific/Saipan",
    "AS": "Pacific/Pago_Pago",
}

# The split states: ZIP prefixes (first three digits) of the parts that keep another zone.
SPLIT_STATE_PREFIXES: dict[str, dict[str, str]] = {
    # the panhandle west of the Apalachicola river (Panama City, Pensacola)
    "FL": {"324": CENTRAL, "325": CENTRAL},
    # western Kentucky (Paducah, Bowling Green, Owensboro, Henderson)
    "KY": dict.fromkeys(("420", "421", "422", "423", "424"), CENTRAL),
    # east Tennessee (Chattanooga, Johnson City, Knoxville)
    "TN": dict.fromkeys(("373", "374", "376", "377", "378", "379"), EASTERN),
    # Indiana's north-west (Gary) and south-west (Evansville) corners
    "IN": dict.fromkeys(("463", "464", "476", "477"), CENTRAL),
    # the Upper Peninsula counties on the Wisconsin line (Iron Mountain, Menominee)
    "MI": {"498": "America/Menominee"},
    # the western parts of Nebraska, North and South Dakota
    "NE": {"693": MOUNTAIN},
    "ND": {"586": MOUNTAIN},
    "SD": {"577": MOUNTAIN},
    # El Paso
    "TX": dict.fromkeys(("798", "799", "885"), MOUNTAIN),
    # northern Idaho (Lewiston, Coeur d'Alene)
    "ID": {"835": PACIFIC, "838": PACIFIC},
    # Malheur County (Ontario)
    "OR": {"979": "America/Boise"},
}
# Whole ZIP codes where even the prefix is not enough.
ZIP_ZONES: dict[str, str] = {
    "89883": MOUNTAIN,  # West Wendover, Nevada
    "99546": "America/Adak",  # Adak, Aleutians west of 169.5° W
    "99547": "America/Adak",  # Atka
}


def zone_name(*, state: str, zip_code: str, default: str) -> str:
    """The IANA zone for an applicant in ``state`` (two letters) and ``zip_code``; a ZIP
    prefix only moves someone within their own (split) state, so a mistyped ZIP cannot."""
    state = (state or "").strip().upper()
    digits = "".join(ch for ch in (zip_code or "") if ch.isdigit())[:5]
    if digits in ZIP_ZONES:
        return ZIP_ZONES[digits]
    prefix = digits[:3]
    if state:
        return SPLIT_STATE_PREFIXES.get(state, {}).get(prefix) or STATE_ZONES.get(state, default)
    for prefixes in SPLIT_STATE_PREFIXES.values():
        if prefix in prefixes:
            return prefixes[prefix]
    return default


def is_calling_time(moment: datetime, zone: ZoneInfo) -> bool:
    """Whether ``moment`` falls between 8 a.m. and 9 p.m. in ``zone``."""
    local = moment.astimezone(zone).time()
    return CALLING_STARTS <= local < CALLING_ENDS


def next_calling_time(moment: datetime, zone: ZoneInfo) -> datetime:
    """``moment`` itself when it is calling time there, else the next 8 a.m. there."""
    if is_calling_time(moment, zone):
        return moment
    local = moment.astimezone(zone)
    day = local.date() if local.time() < CALLING_STARTS else local.date() + timedelta(days=1)
    return datetime.combine(day, CALLING_STARTS, tzinfo=zone)


def last_calling_time_before(moment: datetime, zone: ZoneInfo) -> datetime:
    """The latest calling time at or before ``moment`` (a few minutes before 9 p.m. on the
    evening before, when ``moment`` is at night)."""
    if is_calling_time(moment, zone):
        return moment
    local = moment.astimezone(zone)
    day = local.date() if local.time() >= CALLING_ENDS else local.date() - timedelta(days=1)
    return datetime.combine(day, CALLING_ENDS, tzinfo=zone) - timedelta(minutes=15)


def calling_time_before(moment: datetime, deadline: datetime, zone: ZoneInfo) -> datetime:
    """A calling time for a reminder meant for ``moment`` that must go out before
    ``deadline`` (the appointment): later that morning if that is still in time, else the
    evening before."""
    later = next_calling_time(moment, zone)
    if later < deadline:
        return later
    return last_calling_time_before(moment, zone)
