"""The queue's CSV export: streamed, the same filters as the page, audited."""

import csv
import io

import pytest
from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone

from admissions.services.referrals import contact_attempt_log
from audit.models import AuditEvent
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db

EXPORT = "/staff/referrals/export.csv"


def _rows(response) -> list[dict]:
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_the_export_streams_the_filtered_queue_in_queue_order(signed_in, administrator):
    make_referral(first_name="Routine", level="outpatient")
    make_referral(first_name="Crisis", crisis=True)
    make_referral(first_name="Php", level="php")
    make_referral(first_name="Ended", status="closed")

    response = signed_in(administrator).get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    rows = _rows(response)
    assert [r["First name"] for r in rows] == ["Crisis", "Php", "Routine"]
    crisis = rows[0]
    # Labels as the pages show them, not codes (issue 13).
    assert (crisis["Recommended level"], crisis["Urgency"], crisis["Crisis"]) == (
        "Inpatient / residential",
        "Emergent",
        "Yes",
    )
    assert crisis["Flags"] == "Crisis; Safety assessment"
    assert crisis["Status"] == "New"


def test_the_export_has_local_times_and_first_attempt_and_reach(
    signed_in, administrator, admissions_user
):
    referral = make_referral(first_name="Tried", level="php", state="IL")
    contact_attempt_log(
        referral=referral, staff=admissions_user, channel="phone", outcome="voicemail"
    )
    reached = contact_attempt_log(
        referral=referral, staff=admissions_user, channel="phone", outcome="reached"
    )
    referral.refresh_from_db()
    zone = settings.TIME_ZONE

    row = _rows(signed_in(administrator).get(EXPORT))[0]

    local = timezone.localtime(referral.created_at).strftime("%Y-%m-%d %H:%M")
    assert row[f"Submitted ({zone})"] == local
    assert row[f"First attempt ({zone})"] == timezone.localtime(referral.first_attempt_at).strftime(
        "%Y-%m-%d %H:%M"
    )
    assert row[f"Reached ({zone})"] == timezone.localtime(reached.created_at).strftime(
        "%Y-%m-%d %H:%M"
    )
    assert row["Hours to first attempt"] == "0.0" and row["Hours to reach"] == "0.0"
    assert (row["Attempts"], row["Last outcome"], row["Deadline met"]) == ("2", "Reached", "Yes")
    assert row["Assigned to"] == ""


def test_the_export_respects_the_filters(signed_in, administrator):
    make_referral(first_name="Routine", level="outpatient")
    make_referral(first_name="Php", level="php")
    make_referral(first_name="Ended", status="closed")

    php = _rows(signed_in(administrator).get(EXPORT, {"urgency": "priority"}))
    everything = _rows(signed_in(administrator).get(EXPORT, {"status": "all"}))

    assert [r["First name"] for r in php] == ["Php"]
    assert {r["First name"] for r in everything} == {"Routine", "Php", "Ended"}


def test_the_export_is_audited_with_filter_names_only(signed_in, administrator):
    make_referral(first_name="Findme")

    _rows(signed_in(administrator).get(EXPORT, {"q": "Findme"}))

    event = AuditEvent.objects.get(action="export")
    assert (event.object_type, event.fields, event.actor) == (
        "referral_queue",
        ["q"],
        administrator,
    )
    assert "Findme" not in event.detail


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(signed_in, administrator):
    make_referral(first_name="=HYPERLINK(1)", last_name="@SUM(A1)")

    row = _rows(signed_in(administrator).get(EXPORT))[0]

    assert row["First name"] == "'=HYPERLINK(1)"
    assert row["Last name"] == "'@SUM(A1)"


def test_admissions_staff_cannot_export(signed_in, admissions_user):
    make_referral()

    assert signed_in(admissions_user).get(EXPORT).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


def test_the_export_button_is_there_for_whoever_may_export(
    signed_in, administrator, admissions_user
):
    make_referral()

    admin_page = signed_in(administrator).get("/staff/referrals/", {"urgency": "routine"})
    staff_page = signed_in(admissions_user).get("/staff/referrals/")

    assert 'href="/staff/referrals/export.csv?urgency=routine"' in admin_page.content.decode()
    assert ">Export CSV<" in admin_page.content.decode()
    assert "Export CSV" not in staff_page.content.decode()


def test_the_streamed_cells_are_what_the_columns_describe(administrator, admissions_user):
    """The export builds each row in one pass (labels and zone looked up once); it must
    give, cell for cell, what ``COLUMNS`` reads from the same row."""
    from admissions.models import Referral
    from admissions.selectors.export import COLUMNS, FIELDS, _fast_cells

    make_referral(first_name="Plain", level="outpatient")
    make_referral(first_name="Crisis", crisis=True, source="clinician")
    tried = make_referral(first_name="Tried", level="php", override_level="iop")
    contact_attempt_log(referral=tried, staff=admissions_user, channel="phone", outcome="reached")
    Referral.objects.filter(pk=tried.pk).update(assigned_to=admissions_user)
    cells = _fast_cells()
    rows = Referral.objects.order_by("pk")
    for values, as_dict in zip(rows.values_list(*FIELDS), rows.values(*FIELDS), strict=True):
        assert cells(values) == [read(as_dict) for _, read in COLUMNS]
