"""The queue's row, written in Python (admissions/templatetags/queue_row.py): what each cell
shows, and that every value a person typed is escaped."""

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.utils import timezone

from admissions.selectors.queue import QueueFilters, referral_queue
from admissions.services.assessments import assessment_schedule
from admissions.services.offers import seat_offer_create
from tests.admissions.factories import make_referral, make_staff
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db
ROWS = Template("{% load queue_row %}{% queue_rows rows now can_assign seen_before %}")
"""As the queue and "My day" write their rows."""


def _row(referral, *, can_assign=True, seen_before=0, user=None) -> str:
    page = referral_queue(filters=QueueFilters(status="all"), user=user or make_staff())
    (row,) = [r for r in page.rows if r.pk == referral.pk]
    context = {"rows": [row], "now": page.now, "can_assign": can_assign}
    return ROWS.render(Context({**context, "seen_before": seen_before}))


def test_what_a_person_typed_is_escaped():
    referral = make_referral(first_name='<script>alert("x")</script>', last_name="O'Neil & Co")
    html = _row(referral)

    assert "<script>" not in html
    assert "O&#x27;Neil &amp; Co, &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_plain_new_referral_row():
    seen = make_referral()  # the last one this person saw
    referral = make_referral(level="iop", first_name="Ava", last_name="Nguyen")
    html = _row(referral, seen_before=seen.pk)

    assert html.startswith(f'<tr class="" data-new-row data-referral="{referral.pk}">')
    assert f'value="{referral.pk}" form="bulk-assign"' in html
    assert f'href="/staff/referrals/{referral.pk}/" id="name-{referral.pk}">Nguyen, Ava</a>' in html
    assert '<span class="badge text-bg-warning ms-1">New</span>' in html
    assert f'<span title="{referral.get_level_display()}">IOP</span>' in html
    assert '<span class="status-pill">New</span>' in html
    assert '<span class="meta">Unassigned</span>' in html
    assert '<span class="deadline deadline-due">' in html
    assert '<td class="next-cell" data-label="Next"><span class="meta">—</span></td>' in html
    assert "select-col" not in _row(referral, can_assign=False)
    assert "data-new-row" not in _row(seen, seen_before=seen.pk)


def test_a_crisis_row_with_an_override_a_held_seat_and_an_assessment():
    staff = make_staff()
    referral = make_referral(crisis=True, assigned_to=staff, crisis_open=True)
    referral.override_level = "php"
    referral.save(update_fields=["override_level"])
    program = ProgramFactory(name="Steady <Ground>")
    seat_offer_create(referral=referral, program=program, offered_by=staff)
    assessment_schedule(
        referral=referral,
        starts_at=timezone.now() + timedelta(days=1),
        mode="video",
        clinician=staff,
        actor=staff,
    )
    html = _row(referral, user=staff)

    assert html.startswith('<tr class="row-crisis')
    assert '<span class="crisis-label">⚠ CRISIS</span> <span class="meta">open</span> <br>' in html
    assert '<span class="meta">(override)</span>' in html and "Recommended Inpatient" in html
    assert "Crisis outcome to record" in html
    assert "Seat held</span> Steady &lt;Ground&gt;" in html
    assert "<div>Assessment " in html
    assert staff.get_full_name() in html


def test_a_crisis_whose_episode_closed_says_there_is_nothing_next():
    referral = make_referral(crisis=True, crisis_open=False)
    assert "safety_assessment" in referral.flags  # shown only for a referral not in crisis

    html = _row(referral)

    assert '<td class="next-cell" data-label="Next"><span class="meta">—</span></td>' in html


def test_a_page_of_rows_is_every_row_in_the_page_order():
    first, second = make_referral(crisis=True), make_referral()
    page = referral_queue(filters=QueueFilters(status="all"), user=make_staff())
    context = {"rows": page.rows, "now": page.now, "can_assign": False, "seen_before": 0}
    html = ROWS.render(Context(context))

    assert html.count("<tr ") == 2
    assert html.index(f'data-referral="{first.pk}"') < html.index(f'data-referral="{second.pk}"')


def test_the_filter_options_are_escaped_and_keep_the_selection():
    from admissions.templatetags.staff import select_options

    html = select_options([("", "Any", False), ('a"b', "<b>Bold</b> & co", True)])

    assert html == (
        '<option value="">Any</option>'
        '<option value="a&quot;b" selected>&lt;b&gt;Bold&lt;/b&gt; &amp; co</option>'
    )
