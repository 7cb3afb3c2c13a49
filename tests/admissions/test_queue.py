"""The referral queue: order, filters, search, counts, pagination and row contents."""

from datetime import timedelta

import pytest
from django.utils import timezone

from admissions.models import Referral
from admissions.services.overrides import recommendation_override
from admissions.services.referrals import contact_attempt_log
from audit.models import AuditEvent
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db

QUEUE = "/staff/referrals/"


def _names(response) -> list[str]:
    return [r.first_name for r in response.context["queue"].rows]


def test_crisis_comes_first_then_the_nearest_deadline(signed_in, admissions_user):
    now = timezone.now()
    make_referral(first_name="Later", due_at=now + timedelta(hours=30))
    make_referral(first_name="Overdue", due_at=now - timedelta(hours=3))
    make_referral(first_name="Crisis", crisis=True, due_at=now + timedelta(minutes=50))
    make_referral(first_name="Soon", due_at=now + timedelta(hours=2))

    response = signed_in(admissions_user).get(QUEUE)

    assert _names(response) == ["Crisis", "Overdue", "Soon", "Later"]


def test_the_default_view_is_open_referrals_and_all_shows_ended_ones(signed_in, admissions_user):
    make_referral(first_name="Open")
    make_referral(first_name="Done", status="admitted")
    client = signed_in(admissions_user)

    assert _names(client.get(QUEUE)) == ["Open"]
    assert sorted(_names(client.get(QUEUE, {"status": "all"}))) == ["Done", "Open"]
    assert _names(client.get(QUEUE, {"status": "admitted"})) == ["Done"]


def test_each_row_shows_what_staff_need(signed_in, admissions_user, clinician):
    referral = make_referral(
        level="iop",
        first_name="Dana",
        last_name="Whitfield",
        answers=None,
        due_at=timezone.now() + timedelta(hours=3, minutes=20, seconds=30),
        assigned_to=admissions_user,
    )
    recommendation_override(
        referral=referral,
        clinician=clinician,
        level="php",
        reason="Decline over the past week needs a more structured program.",
    )
    make_referral(
        first_name="Olu", last_name="Late", level="php", due_at=timezone.now() - timedelta(hours=2)
    )

    text = signed_in(admissions_user).get(QUEUE).content.decode()

    row = text[text.index("Whitfield, Dana") :]
    row = row[: row.index("</tr>")]
    assert ">34<" in row  # age
    assert "PHP" in row and "(override)" in row and "Recommended IOP" in row
    assert "Routine" in row
    assert "New" in row
    assert "Alex Intake" in row
    assert "Due in 3 h 20 min" in row
    late = text[text.index("Late, Olu") :]
    assert "Overdue by 2 h" in late[: late.index("</tr>")]
    assert 'class=" row-overdue"' in text or "row-overdue" in text


def test_crisis_rows_are_marked_in_words_not_only_colour(signed_in, admissions_user):
    make_referral(crisis=True, first_name="Ana", last_name="Crisis")

    text = signed_in(admissions_user).get(QUEUE).content.decode()

    row = text[text.index('class="row-crisis') : text.index("Crisis, Ana")]
    assert "CRISIS" in row
    assert "Emergent" in text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"urgency": "priority"}, {"Php"}),
        ({"level": "inpatient"}, {"Inpatient", "Crisis"}),
        ({"level": "php"}, {"Php", "Overridden"}),  # the level in effect, override included
        ({"flag": "crisis"}, {"Crisis"}),
        ({"flag": "safety_assessment"}, {"Crisis"}),
        ({"assigned": "me"}, {"Mine"}),
        ({"assigned": "unassigned"}, {"Php", "Inpatient", "Crisis", "Overridden", "Old"}),
        ({"overdue": "on"}, {"Old"}),
        ({"q": "whitt"}, {"Mine"}),
        ({"q": "mine@example.com"}, {"Mine"}),
        ({"q": "(555) 867-5309"}, {"Mine"}),
        ({"q": "+1 555 867 5309"}, {"Mine"}),
        ({"q": "Mine Whittaker"}, {"Mine"}),
    ],
)
def test_filters_and_search(params, expected, signed_in, admissions_user, clinician):
    now = timezone.now()
    make_referral(
        first_name="Mine",
        last_name="Whittaker",
        email="Mine@Example.com",
        phone="(555) 867-5309",
        assigned_to=admissions_user,
    )
    make_referral(first_name="Php", last_name="P", level="php")
    make_referral(first_name="Inpatient", last_name="I", level="inpatient")
    make_referral(first_name="Crisis", last_name="C", crisis=True)
    make_referral(first_name="Old", last_name="O", due_at=now - timedelta(hours=1))
    overridden = make_referral(first_name="Overridden", last_name="V", level="iop")
    recommendation_override(
        referral=overridden,
        clinician=clinician,
        level="php",
        reason="Needs more structure than the screening suggests, per family.",
    )

    response = signed_in(admissions_user).get(QUEUE, params)

    assert set(_names(response)) == expected


def test_submitted_date_range_filters_on_the_day_submitted(signed_in, admissions_user):
    today = timezone.localdate()
    old = make_referral(first_name="LastWeek")
    Referral.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=7))
    make_referral(first_name="Today")
    client = signed_in(admissions_user)

    since = (today - timedelta(days=1)).isoformat()
    assert _names(client.get(QUEUE, {"submitted_from": since})) == ["Today"]
    until = (today - timedelta(days=2)).isoformat()
    assert _names(client.get(QUEUE, {"submitted_to": until})) == ["LastWeek"]


def test_a_backwards_date_range_is_explained_next_to_the_field(signed_in, admissions_user):
    make_referral(first_name="Any")

    response = signed_in(admissions_user).get(
        QUEUE, {"submitted_from": "2026-03-10", "submitted_to": "2026-03-01"}
    )

    assert response.status_code == 200
    assert "before the start date" in response.context["form"].errors["submitted_to"][0]


def test_counts_per_status_and_overdue_at_the_top(signed_in, admissions_user):
    now = timezone.now()
    make_referral(status="new", due_at=now - timedelta(hours=1))
    make_referral(status="new", due_at=now + timedelta(hours=1))
    make_referral(status="contacting", due_at=now - timedelta(hours=5))
    make_referral(status="admitted", due_at=now - timedelta(hours=5))  # ended: not overdue
    contacted = make_referral(status="new", due_at=now + timedelta(hours=1))
    contact_attempt_log(
        referral=contacted, staff=admissions_user, channel="phone", outcome="reached"
    )
    Referral.objects.filter(pk=contacted.pk).update(due_at=now - timedelta(hours=1))

    response = signed_in(admissions_user).get(QUEUE)

    counts = response.context["queue"].counts
    assert (counts["new"], counts["contacting"], counts["admitted"]) == (2, 2, 1)
    assert (counts["open"], counts["all"], counts["overdue"]) == (4, 5, 2)
    text = response.content.decode()
    assert "<strong>4</strong> open" in text
    assert 'Overdue <span class="count">2</span>' in text


def test_pagination_keeps_the_filters(signed_in, admissions_user):
    for n in range(30):
        make_referral(first_name=f"P{n:02d}", level="php")
    make_referral(first_name="Routine")
    client = signed_in(admissions_user)

    first = client.get(QUEUE, {"urgency": "priority"})
    second = client.get(QUEUE, {"urgency": "priority", "page": 2})

    assert len(first.context["queue"].rows) == 25
    assert len(second.context["queue"].rows) == 5
    assert first.context["queue"].total == 30
    assert "urgency=priority&amp;page=2" in first.content.decode()
    names = _names(first) + _names(second)
    assert len(set(names)) == 30 and "Routine" not in names


def test_page_size_can_be_chosen(signed_in, admissions_user):
    for _ in range(30):
        make_referral()

    response = signed_in(admissions_user).get(QUEUE, {"per_page": "50"})

    assert len(response.context["queue"].rows) == 30


def test_viewing_the_queue_is_audited_with_filter_names_but_not_the_search_text(
    signed_in, admissions_user
):
    make_referral(first_name="Searchable")

    signed_in(admissions_user).get(QUEUE, {"q": "Searchable", "urgency": "routine"})

    event = AuditEvent.objects.get(action="view", object_type="referral_queue")
    assert event.fields == ["q", "urgency"]
    assert "Searchable" not in event.detail
    assert event.ip_address == "10.1.2.3"


def test_the_order_compiled_once_sorts_as_the_queue_order_expressions():
    from admissions.queue_order import queue_order
    from admissions.selectors.queue import compiled_queue_order

    now = timezone.now()
    cases = [(5, False, False), (-2, False, False), (9, True, False),
             (1, False, True), (3, True, True), (-7, False, True)]  # fmt: skip
    for hours, crisis, reached in cases:
        referral = make_referral(crisis=crisis)
        Referral.objects.filter(pk=referral.pk).update(
            due_at=now + timedelta(hours=hours),
            reached_at=now if reached else None,
            next_action_at=now + timedelta(hours=hours * 2) if reached else None,
        )
    Referral.objects.filter(pk=referral.pk).update(status=Referral.Status.CLOSED)

    expected = list(Referral.objects.order_by(*queue_order()).values_list("pk", flat=True))
    ours = list(Referral.objects.order_by(*compiled_queue_order()).values_list("pk", flat=True))
    assert ours == expected and len(set(ours)) == 6
