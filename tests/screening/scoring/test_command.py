"""The ``score_screening`` management command (spec section 8)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext

from screening.scoring import score_answers

from .answers import OMIT, answers, phq9

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def run_manage(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command in a child process, for its true exit status and streams."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iop_portal.settings.test"}
    return subprocess.run(
        [sys.executable, "manage.py", "score_screening", *args],
        cwd=PROJECT_ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def call(*args: str) -> str:
    out = io.StringIO()
    call_command("score_screening", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def write_json(tmp_path: Path, document: object) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


# Real processes: exit status, stdout and stderr as a shell sees them.


def test_scores_one_object_from_a_file(tmp_path):
    data = answers(self_care=2, **phq9(12))
    completed = run_manage(write_json(tmp_path, data))
    assert completed.returncode == 0, completed.stderr
    output = json.loads(completed.stdout)
    assert output == score_answers(data).to_dict()
    assert list(output) == [
        "rule_set",
        "level",
        "crisis",
        "urgency",
        "composite",
        "domains",
        "instruments",
        "flags",
        "reasons",
    ]


def test_reads_standard_input_with_dash():
    data = answers(readiness="unsure")
    completed = run_manage("-", stdin=json.dumps(data))
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == score_answers(data).to_dict()


def test_invalid_object_exits_2_with_nothing_on_stdout():
    data = answers(phq9_1=True, age=OMIT, shoe_size=9)
    completed = run_manage("-", stdin=json.dumps(data))
    assert completed.returncode == 2
    assert completed.stdout == ""
    for code in ("phq9_1", "age", "shoe_size"):
        assert f"{code}: " in completed.stderr


# In-process calls for the remaining cases.


@pytest.mark.django_db
def test_array_gives_array_of_results_in_order(tmp_path):
    batch = [answers(), answers(self_care=3), answers(readiness="not_ready")]
    output = json.loads(call(write_json(tmp_path, batch)))
    assert output == [score_answers(data).to_dict() for data in batch]
    assert [result["level"] for result in output] == ["outpatient", "inpatient", "outpatient"]


def test_empty_array_gives_empty_array(tmp_path):
    assert json.loads(call(write_json(tmp_path, []))) == []


def test_invalid_array_names_each_index_and_code_and_prints_nothing(tmp_path):
    batch = [answers(), answers(asq_1="maybe"), "not answers", answers(hours_available=41)]
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("score_screening", write_json(tmp_path, batch), stdout=out)
    assert caught.value.returncode == 2
    assert out.getvalue() == ""
    message = str(caught.value)
    assert "[1] asq_1: " in message
    assert "[2] not a JSON object" in message
    assert "[3] hours_available: " in message
    assert "[0]" not in message


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "is not valid JSON"),
        ('{"age": 30, "age": 31}', "duplicate key 'age'"),
        ("", "is not valid JSON"),
        ("42", "not a JSON object"),
    ],
)
def test_malformed_input_exits_2(tmp_path, content, fragment):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match=fragment) as caught:
        call_command("score_screening", str(path), stdout=out)
    assert caught.value.returncode == 2
    assert out.getvalue() == ""


def test_unreadable_file_exits_2(tmp_path):
    with pytest.raises(CommandError, match="cannot read") as caught:
        call_command("score_screening", str(tmp_path / "missing.json"), stdout=io.StringIO())
    assert caught.value.returncode == 2


@pytest.mark.django_db
def test_writes_nothing_to_the_database(tmp_path, monkeypatch):
    """One read per run, of which rule set is active (tests/screening/test_rule_sets.py)."""
    path = write_json(tmp_path, [answers(), answers(asq_1=True, asq_5=True)])
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(answers(self_care=2))))
    with CaptureQueriesContext(connections["default"]) as queries:
        assert len(json.loads(call(path))) == 2
        assert json.loads(call("-"))["level"] == "php"
    statements = [query["sql"] for query in queries.captured_queries]
    assert len(statements) == 2
    assert all(sql.startswith("SELECT") and "rulesetpublication" in sql for sql in statements)


def test_invalid_input_or_nothing_to_score_never_touches_the_database(tmp_path):
    """No django_db mark: any query would fail this test."""
    for document in ([answers(), answers(age=3)], "not answers"):
        with pytest.raises(CommandError):
            call(write_json(tmp_path, document))
    assert json.loads(call(write_json(tmp_path, []))) == []
