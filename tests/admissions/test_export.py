"""The queue's CSV export: streamed, the same filters as the page, audited."""

import csv
import io

import pytest
from django.http import StreamingHttpResponse

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
    assert [r["first_name"] for r in rows] == ["Crisis", "Php", "Routine"]
    crisis = rows[0]
    assert (crisis["recommended_level"], crisis["urgency"], crisis["crisis"]) == (
        "inpatient",
        "emergent",
        "True",
    )
    assert crisis["flags"] == "crisis safety_assessment"


def test_the_export_respects_the_filters(signed_in, administrator):
    make_referral(first_name="Routine", level="outpatient")
    make_referral(first_name="Php", level="php")
    make_referral(first_name="Ended", status="closed")

    php = _rows(signed_in(administrator).get(EXPORT, {"urgency": "priority"}))
    everything = _rows(signed_in(administrator).get(EXPORT, {"status": "all"}))

    assert [r["first_name"] for r in php] == ["Php"]
    assert {r["first_name"] for r in everything} == {"Routine", "Php", "Ended"}


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

    assert row["first_name"] == "'=HYPERLINK(1)"
    assert row["last_name"] == "'@SUM(A1)"


def test_admissions_staff_cannot_export(signed_in, admissions_user):
    make_referral()

    assert signed_in(admissions_user).get(EXPORT).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()
