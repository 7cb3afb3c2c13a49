"""Which rule set is active, publishing a new one (administrators only, audited), and what
scoring does with it: new screenings and ``score_screening`` use the active version, stored
recommendations never change."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connections
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from audit.append_only import AppendOnlyError
from audit.models import AuditEvent
from core import roles
from screening.models import Recommendation, RuleSetPublication
from screening.scoring import DEFAULT_RULE_SET, RULE_SETS, score_answers
from screening.selectors import active_rule_set, rule_set_overview
from screening.services import rule_set_publish
from tests.screening.conftest import TEST_VERSION
from tests.screening.factories import submitted
from tests.screening.scoring.answers import answers, phq9

pytestmark = pytest.mark.django_db

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTE = "Reviewed by the clinical lead on 2026-11-20: lower iop band after the pilot audit."
COMPOSITE_10 = {**phq9(5), "missed_days": 1, "readiness": "unsure"}
"""Outpatient under the default (composite 10 is in 7–11), iop under the test rule set."""


def publish(version: str, actor, note: str = NOTE) -> RuleSetPublication:
    return rule_set_publish(version=version, actor=actor, note=note, ip_address="10.0.0.7")


def test_the_default_is_active_while_nothing_is_published():
    assert active_rule_set() is DEFAULT_RULE_SET
    overview = rule_set_overview()
    assert overview.active_version == DEFAULT_RULE_SET.version
    assert overview.publications == []


def test_publishing_a_registered_version_makes_it_active_and_is_audited(
    second_rule_set, administrator, django_capture_on_commit_callbacks
):
    assert active_rule_set() is DEFAULT_RULE_SET  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        publication = publish(TEST_VERSION, administrator)

    assert active_rule_set() is second_rule_set
    assert (publication.version, publication.published_by, publication.note) == (
        TEST_VERSION,
        administrator,
        NOTE,
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.PUBLISH)
    assert (event.actor, event.object_type, event.object_id) == (
        administrator,
        "rule_set",
        TEST_VERSION,
    )
    assert event.ip_address == "10.0.0.7"
    assert event.detail == f"publication {publication.pk}; previously {DEFAULT_RULE_SET.version}"
    assert NOTE not in event.detail


def test_publishing_the_default_again_switches_back(second_rule_set, administrator):
    publish(TEST_VERSION, administrator)
    publish(DEFAULT_RULE_SET.version, administrator, note="Back to 2026.1 while we re-check.")

    assert active_rule_set() is DEFAULT_RULE_SET
    history = [p.version for p in rule_set_overview().publications]
    assert history == [DEFAULT_RULE_SET.version, TEST_VERSION]


def test_new_screenings_are_scored_with_the_active_version(second_rule_set, administrator):
    before = submitted(answers=answers(**COMPOSITE_10), email="before@example.org")

    publish(TEST_VERSION, administrator)
    after = submitted(answers=answers(**COMPOSITE_10), email="after@example.org")

    first, second = before.recommendation, after.recommendation
    assert (first.rule_set, first.level, first.composite) == (
        DEFAULT_RULE_SET.version,
        "outpatient",
        10,
    )
    assert (second.rule_set, second.level, second.composite) == (TEST_VERSION, "iop", 10)


def test_stored_recommendations_never_change_when_a_version_is_published(
    second_rule_set, administrator
):
    screenings = [
        submitted(answers=answers(**COMPOSITE_10), email="one@example.org"),
        submitted(answers=answers(self_care=3), email="two@example.org"),
    ]
    stored = [model_to_dict(s.recommendation) for s in screenings]

    publish(TEST_VERSION, administrator)

    assert [model_to_dict(r) for r in Recommendation.objects.order_by("pk")] == stored
    assert {r["rule_set"] for r in stored} == {DEFAULT_RULE_SET.version}


def test_an_unknown_version_is_refused_clearly_and_nothing_changes(administrator):
    with pytest.raises(ValidationError) as caught:
        publish("iop-loc-2099.9", administrator)

    message = caught.value.message_dict["version"][0]
    assert "“iop-loc-2099.9” is not a registered rule set" in message
    assert DEFAULT_RULE_SET.version in message  # names what can be published
    assert not RuleSetPublication.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PUBLISH).exists()
    assert active_rule_set() is DEFAULT_RULE_SET


@pytest.mark.parametrize("note", ["", "   \n "])
def test_a_blank_note_is_refused(second_rule_set, administrator, note):
    with pytest.raises(ValidationError) as caught:
        publish(TEST_VERSION, administrator, note=note)

    assert "Say why" in caught.value.message_dict["note"][0]
    assert not RuleSetPublication.objects.exists()


def test_publishing_the_active_version_again_is_refused(administrator):
    with pytest.raises(ValidationError) as caught:
        publish(DEFAULT_RULE_SET.version, administrator)

    assert "already the active rule set" in caught.value.message_dict["version"][0]
    assert not RuleSetPublication.objects.exists()


@pytest.mark.parametrize("role", [roles.ADMISSIONS, roles.CLINICIAN, roles.PROGRAM_ADMIN, None])
def test_only_administrators_may_publish(second_rule_set, staff_user, role):
    with pytest.raises(PermissionDenied):
        publish(TEST_VERSION, staff_user(role))

    assert not RuleSetPublication.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.PUBLISH).exists()
    assert active_rule_set() is DEFAULT_RULE_SET


def test_only_the_administrator_role_holds_the_publish_permission(staff_user):
    holders = [r for r in roles.ROLES if staff_user(r).has_perm(roles.PUBLISH_RULE_SET)]
    assert holders == [roles.ADMINISTRATOR]


def test_the_publication_history_cannot_be_rewritten(second_rule_set, administrator):
    publication = publish(TEST_VERSION, administrator)

    publication.note = "something else"
    with pytest.raises(AppendOnlyError):
        publication.save()
    with pytest.raises(AppendOnlyError):
        publication.delete()
    with pytest.raises(AppendOnlyError):
        RuleSetPublication.objects.update(version=DEFAULT_RULE_SET.version)
    with pytest.raises(AppendOnlyError):
        RuleSetPublication.objects.all().delete()
    assert RuleSetPublication.objects.get().note == NOTE


def test_a_published_version_missing_from_this_release_falls_back_to_the_default(
    second_rule_set, administrator, monkeypatch, caplog
):
    publish(TEST_VERSION, administrator)
    monkeypatch.delitem(RULE_SETS, TEST_VERSION)  # e.g. the release was rolled back

    screening = submitted(answers=answers(**COMPOSITE_10))

    assert screening.recommendation.rule_set == DEFAULT_RULE_SET.version
    assert f"Published rule set {TEST_VERSION} is not registered" in caplog.text
    assert rule_set_overview().unregistered_published == TEST_VERSION


# The score_screening command


def _score(document: object, tmp_path: Path) -> dict:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("score_screening", str(path), stdout=out, stderr=err)
    assert err.getvalue() == ""
    return json.loads(out.getvalue())


def test_score_screening_uses_the_active_version_and_writes_nothing(
    second_rule_set, administrator, tmp_path
):
    data = answers(**COMPOSITE_10)
    assert _score(data, tmp_path)["rule_set"] == DEFAULT_RULE_SET.version
    publish(TEST_VERSION, administrator)
    rows = (RuleSetPublication.objects.count(), Recommendation.objects.count())

    with CaptureQueriesContext(connections["default"]) as queries:
        output = _score(data, tmp_path)

    assert output == score_answers(data, second_rule_set).to_dict()
    assert (output["rule_set"], output["level"]) == (TEST_VERSION, "iop")
    statements = [q["sql"].lstrip().split()[0].upper() for q in queries.captured_queries]
    assert statements == ["SELECT"]
    assert (RuleSetPublication.objects.count(), Recommendation.objects.count()) == rows


def test_score_screening_without_a_migrated_database_uses_the_default(tmp_path):
    """A database without the publication table: stdout is the plain result, the note goes
    to stderr, and the exit status is 0."""
    data = answers(**COMPOSITE_10)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iop_portal.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    completed = subprocess.run(
        [sys.executable, "manage.py", "score_screening", "-"],
        cwd=PROJECT_ROOT,
        env=env,
        input=json.dumps(data),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == score_answers(data).to_dict()
    assert "could not be read from the database" in completed.stderr
    assert DEFAULT_RULE_SET.version in completed.stderr
