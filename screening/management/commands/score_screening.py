"""``manage.py score_screening FILE``: score answers from a JSON file (or ``-`` for stdin).

One JSON object in, one result object out; a JSON array in, an array of results out, in the
same order. Answers are scored with the active rule set (the latest published version, read
from the database); nothing is written to the database. Where the database cannot be read
(not migrated, unreachable) the default rule set is used and a note goes to stderr. Invalid
input exits with status 2, prints nothing on stdout, and lists every offending item code
(with the index of each offending object, for an array) on stderr.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from screening.scoring import (
    DEFAULT_RULE_SET,
    RULE_SETS,
    AnswerValidationError,
    RuleSet,
    score_cleaned_answers,
    validate_answers,
)
from screening.selectors import published_rule_set_version

INVALID_INPUT = 2


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


class Command(BaseCommand):
    help = (
        "Score screening answers with the active rule set (the latest published version; "
        f"{DEFAULT_RULE_SET.version} until one is published). FILE holds one JSON object of "
        "answer codes, or a JSON array of them; '-' reads standard input. Prints the result "
        "as JSON and writes nothing to the database."
    )
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="path to a JSON file, or - for stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        document = self._load(options["file"])
        if isinstance(document, list):
            output: object = self._score_all(document, batch=True)
        else:
            output = self._score_all([document], batch=False)[0]
        self.stdout.write(json.dumps(output, indent=2, ensure_ascii=False))

    def _load(self, source: str) -> object:
        name = "standard input" if source == "-" else source
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"cannot read {name}: {error}", returncode=INVALID_INPUT) from error
        try:
            return json.loads(text, object_pairs_hook=_reject_duplicate_keys)
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            raise CommandError(
                f"{name} is not valid JSON: {error}", returncode=INVALID_INPUT
            ) from error

    def _active_rule_set(self) -> RuleSet:
        """Read uncached: one short-lived process, and no dependency on the cache server."""
        try:
            version = published_rule_set_version()
        except DatabaseError as error:
            self.stderr.write(
                f"note: the active rule set could not be read from the database "
                f"({type(error).__name__}); scoring with the default, "
                f"{DEFAULT_RULE_SET.version}"
            )
            return DEFAULT_RULE_SET
        if version is None:
            return DEFAULT_RULE_SET
        if version not in RULE_SETS:
            self.stderr.write(
                f"note: the published rule set {version} is not in this release; scoring "
                f"with the default, {DEFAULT_RULE_SET.version}"
            )
            return DEFAULT_RULE_SET
        return RULE_SETS[version]

    def _score_all(self, documents: list[object], *, batch: bool) -> list[dict[str, object]]:
        """Score every answer object, or raise naming every problem in every object. The
        active rule set is looked up only once every object is valid."""
        cleaned: list[dict[str, object]] = []
        problems: list[str] = []
        for index, answers in enumerate(documents):
            where = f"[{index}] " if batch else ""
            if not isinstance(answers, dict):
                problems.append(f"{where}not a JSON object of answer codes")
                continue
            try:
                cleaned.append(validate_answers(answers))
            except AnswerValidationError as error:
                problems.extend(f"{where}{code}: {text}" for code, text in error.errors.items())
        if problems:
            raise CommandError(
                "invalid answers:\n" + "\n".join(f"  {line}" for line in problems),
                returncode=INVALID_INPUT,
            )
        if not cleaned:
            return []
        rule_set = self._active_rule_set()
        return [score_cleaned_answers(answers, rule_set).to_dict() for answers in cleaned]
