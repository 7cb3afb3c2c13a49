"""``manage.py score_screening FILE``: score answers from a JSON file (or ``-`` for stdin).

One JSON object in, one result object out; a JSON array in, an array of results out, in the
same order. Nothing is read from or written to the database. Invalid input exits with status
2, prints nothing on stdout, and lists every offending item code (with the index of each
offending object, for an array) on stderr.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from screening.scoring import RULE_SET_VERSION, AnswerValidationError, score_answers

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
        f"Score screening answers with rule set {RULE_SET_VERSION}. FILE holds one JSON object "
        "of answer codes, or a JSON array of them; '-' reads standard input. Prints the result "
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

    def _score_all(self, documents: list[object], *, batch: bool) -> list[dict[str, object]]:
        """Score every answer object, or raise naming every problem in every object."""
        results: list[dict[str, object]] = []
        problems: list[str] = []
        for index, answers in enumerate(documents):
            where = f"[{index}] " if batch else ""
            if not isinstance(answers, dict):
                problems.append(f"{where}not a JSON object of answer codes")
                continue
            try:
                results.append(score_answers(answers).to_dict())
            except AnswerValidationError as error:
                problems.extend(f"{where}{code}: {text}" for code, text in error.errors.items())
        if problems:
            raise CommandError(
                "invalid answers:\n" + "\n".join(f"  {line}" for line in problems),
                returncode=INVALID_INPUT,
            )
        return results
