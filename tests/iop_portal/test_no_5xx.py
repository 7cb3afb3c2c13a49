"""No input yields a 5xx. Every URL pattern, as an anonymous visitor and as each role, gets
hostile query strings, form bodies and path values (out-of-range dates, huge integers, NUL
bytes, invalid UTF-8, very long strings, unicode direction marks); none may answer 5xx, and a
refused request (4xx) must leave the data exactly as it was.

A fixed sweep covers every route and role; hypothesis then explores random combinations.
Routes are read from the URL configuration, so a new page is fuzzed without editing this."""

import functools
import itertools
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programs.forms import ProgramCreateForm
from tests.iop_portal.routes import all_routes
from tests.iop_portal.world import ROLES, build_world

pytestmark = pytest.mark.django_db

HOSTILE = [
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "10000000000000000000000",
    "-99999999999999999999",
    "1e309",
    "NaN",
    "\x00",
    "a\x00b",
    "\u202eevil\u202c",
    "\u2066\u2067\u200f",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%",
    "../../etc/passwd",
    "x" * 5000,
    "y" * 100_000,
    "🙂" * 300,
    "",
]
# Raw (already encoded) bodies and query strings, invalid UTF-8 included.
RAW = [
    "q=%FF%FE%FD",
    "page=%00",
    "%E2%28%A1=1",
    "a=%C0%AF&q=%ED%A0%80",
    "==&&=",
    "x=" + "%FF" * 500,
]
# gunicorn refuses a request line over 4094 bytes (limit_request_line) before Django sees it.
MAX_QUERY = 4000
PATH_VALUES = {
    "pk": 10**25,
    "offer_pk": -1,
    "object_id": "%00",
    "step": "x" * 300,
    "token": "%00" * 10,
}
# Ignored by the row-count snapshot: what a refused request may rightly write.
# Bookkeeping every request or sign-in may write: audit rows, sessions and their per-user
# records (accounts.StaffSession), sign-in attempts.
UNTRACKED = {
    "auditevent",
    "session",
    "staffsession",
    "accessattempt",
    "accesslog",
    "accessfailurelog",
}


def field_names() -> list[str]:
    wizard = resolve("/screen/step/about/").func.view_initkwargs
    names = {"screener-current_step", "wizard_goto_step", "csrfmiddlewaretoken"}
    for step, form_class in wizard["form_list"].items():
        names |= {f"{step}-{name}" for name in form_class.base_fields}
    names |= set(ProgramCreateForm.base_fields)
    names |= {"sessions-TOTAL_FORMS", "sessions-INITIAL_FORMS", "sessions-0-weekday"}
    names |= {"page", "q", "status", "urgency", "level", "flag", "assigned", "overdue"}
    names |= {"submitted_from", "submitted_to", "per_page", "actor", "action", "object_type"}
    names |= {"object_id", "date_from", "date_to", "username", "password", "old_password"}
    names |= {"new_password1", "new_password2", "next", "assignee", "to_status", "reason"}
    names |= {"body", "channel", "outcome", "note", "program", "email", "version", "capacity"}
    return sorted(names)


FIELDS = field_names()


def _tracked_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.model_name not in UNTRACKED and not model._meta.proxy
    )


def snapshot(world) -> tuple:
    """Every tracked table's row count (one query), the world's referral and program rows,
    and each staff user's password and active flag."""
    quote_name = connection.ops.quote_name  # table names come from the app registry
    counts = ", ".join(f"(SELECT COUNT(*) FROM {quote_name(t)})" for t in _tracked_tables())  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {counts}")
        rows = cursor.fetchone()
    referral = type(world.referral).objects.filter(pk=world.referral.pk).values().first()
    program = type(world.program).objects.filter(pk=world.program.pk).values().first()
    for row in (referral, program):
        row.pop("updated_at", None)
    users = list(
        get_user_model()
        .objects.filter(pk__in=[u.pk for u in world.users.values()])
        .order_by("pk")
        .values_list("password", "is_active")
    )
    return rows, referral, program, users


def send(client, method: str, path: str, *, query: str = "", body: bytes = b""):
    if method == "GET":
        return client.get(path, QUERY_STRING=query)
    return client.generic(
        "POST",
        path + (f"?{query}" if query else ""),
        body,
        content_type="application/x-www-form-urlencoded",
    )


def encoded(pairs) -> str:
    return "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs)


class Checker:
    """Sends requests and holds the data as the last accepted request left it: a refused one
    (4xx) must find it unchanged."""

    def __init__(self, world):
        self.world = world
        self.state = snapshot(world)
        self.statuses: list[int] = []

    def __call__(self, client, method, path, query="", body=b"") -> tuple[int, str]:
        response = send(client, method, path, query=query, body=body)
        status = response.status_code
        assert status < 500, (method, path, query[:200], body[:200])
        now = snapshot(self.world)
        if status >= 400:
            assert now == self.state, ("partial write", method, path, status)
        self.state = now
        self.statuses.append(status)
        return status, response.get("Location", "")


@pytest.fixture
def world(settings):
    settings.SCREENER_RATE = "100000/m"  # fuzz deep, not the rate limiter
    settings.AXES_FAILURE_LIMIT = 100000
    return build_world()


@functools.cache
def _payloads(rotation: int) -> tuple[str, bytes]:
    values = itertools.cycle(HOSTILE[rotation:] + HOSTILE[:rotation])
    pairs = list(zip(FIELDS, values, strict=False))
    text = encoded(pairs) + "&" + RAW[rotation % len(RAW)]
    query = (RAW[rotation % len(RAW)] + "&" + encoded(pairs))[:MAX_QUERY]
    return query, text.encode() + b"&raw=\xff\xfe\x00"


# Each of these goes into every field at once, on each page and method, as the first role
# that reaches it (the others get the mixed payloads above).
UNIFORM = ["9999-12-31", "10000000000000000000000", "a\x00b", "\u202eevil\u202c", "x" * 5000]


@functools.cache
def _uniform(value: str) -> tuple[str, bytes]:
    text = encoded((name, value) for name in FIELDS)
    return text[:MAX_QUERY], text.encode()


def refused(response_status: int, location: str) -> bool:
    """The role was turned away before the view read any input."""
    to_login = location.startswith(("/staff/login/", "/django-admin/login/"))
    return response_status in (403, 404) or (response_status == 302 and to_login)


def _sweep_route(check, client, route, world, swept: set) -> None:
    path = route.path(world.values_for(route))
    admin = route.pattern.startswith("django-admin/")
    query, body = _payloads(0)
    for method in ("GET", "POST"):
        status, location = check(
            client, method, path, query=query, body=body if method == "POST" else b""
        )
        if admin or status == 405 or refused(status, location) or (route, method) in swept:
            continue
        swept.add((route, method))
        if method == "POST":
            check(client, method, path, body=b"")  # every field missing
        for value in UNIFORM:
            query_u, body_u = _uniform(value)
            if method == "GET":
                check(client, "GET", path, query=query_u)
            else:
                check(client, "POST", path, body=body_u)
    if route.parameters:
        hostile_path = route.path({**world.values_for(route), **PATH_VALUES})
        check(client, "GET", hostile_path)
        check(client, "POST", hostile_path, body=b"x=1")


def test_every_route_and_role_survives_hostile_input(world):
    check = Checker(world)
    swept: set = set()
    for role in (*reversed(ROLES), None):  # the administrator first: it reaches the most
        for route in all_routes():
            if route.pattern.startswith("django-admin/") and role not in (None, ROLES[-1]):
                continue
            client = world.client_for(role)  # signed in again: a route may sign out
            _sweep_route(check, client, route, world, swept)
    assert len(check.statuses) > 1000
    assert {200, 400} <= set(check.statuses)  # pages rendered, and bad input refused


text_values = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=40),
    st.integers().map(str),
    st.dates().map(str),
)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_requests_never_answer_5xx(world, data):
    routes = all_routes()
    route = data.draw(st.sampled_from(routes), label="route")
    role = data.draw(st.sampled_from((None, *ROLES)), label="role")
    values = world.values_for(route)
    if route.parameters and data.draw(st.booleans(), label="hostile path"):
        values.update({name: data.draw(text_values.filter(bool)) for name in route.parameters})
        values = {k: quote(str(v), safe="") for k, v in values.items()}
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(FIELDS), text_values), max_size=12))
    method = data.draw(st.sampled_from(["GET", "POST"]), label="method")
    text = encoded(pairs)
    Checker(world)(
        world.client_for(role),
        method,
        route.path(values),
        query=text[:MAX_QUERY] if method == "GET" else "",
        body=text.encode() if method == "POST" else b"",
    )
