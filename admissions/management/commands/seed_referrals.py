"""Seed many submitted screenings and the referrals they opened, fast, for benchmarks.

    python manage.py seed_referrals --count 100000

Each referral gets a submitted Screening, its Recommendation and the ReferralScreening link,
all consistent with the scoring engine: a pool of random valid answer sets is scored once and
reused, so every stored recommendation is what ``score_answers`` gives for its answers.
Timestamps are spread over the past months and the pipeline status follows a referral's age.

On PostgreSQL (psycopg2) rows are written with COPY, ids taken from each table's sequence:
worker processes (``--jobs``, one per core by default) build each batch's rows and COPY text
while a writer thread COPYs the previous one. A large load (at least as many rows as the
tables hold) drops the tables' secondary indexes first and builds them again at the end, two
at a time: building an index over a million rows once is far cheaper than updating it a
million times (the trigram indexes above all). Elsewhere with ``bulk_create``, in-process.
Not for production databases.
"""

import io
import json
import multiprocessing
import os
import queue
import random
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone

from admissions.management.sample_data import applicant, random_answers
from admissions.models import Referral, ReferralScreening
from admissions.selectors.deadlines import first_contact_hours
from admissions.selectors.staff import assignable_staff
from admissions.services.intake import contact_keys, flags_text
from screening.models import Recommendation, Screening
from screening.scoring import URGENCIES, ScreeningResult, score_answers
from screening.services.standing_crisis import scored_fields

# Pipeline status by age of the referral: (max age in days, [(status, weight), ...]).
STATUS_BY_AGE = (
    (3, [("new", 60), ("contacting", 40)]),
    (
        14,
        [
            ("new", 8),
            ("contacting", 40),
            ("assessment_scheduled", 30),
            ("admitted", 8),
            ("referred_out", 5),
            ("no_response", 5),
            ("declined", 4),
        ],
    ),
    (
        None,
        [
            ("new", 1),
            ("contacting", 6),
            ("assessment_scheduled", 8),
            ("admitted", 35),
            ("referred_out", 15),
            ("declined", 10),
            ("no_response", 15),
            ("closed", 10),
        ],
    ),
)
MODELS = (Screening, Recommendation, Referral, ReferralScreening)
AUTO_TIME_FIELDS = (
    (Screening, ("created_at", "updated_at")),
    (Recommendation, ("created_at",)),
    (Referral, ("created_at", "updated_at", "status_changed_at")),
    (ReferralScreening, ("attached_at",)),
)


@contextmanager
def explicit_timestamps() -> Iterator[None]:
    """Let ``bulk_create`` keep the past times given to auto_now / auto_now_add fields."""
    saved = []
    for model, names in AUTO_TIME_FIELDS:
        for name in names:
            field = model._meta.get_field(name)
            saved.append((field, field.auto_now, field.auto_now_add))
            field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


class Command(BaseCommand):
    help = "Seed submitted screenings, recommendations and referrals in bulk (benchmarks)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=1000, help="referrals to add")
        parser.add_argument("--days", type=int, default=180, help="spread over this many days")
        parser.add_argument("--pool", type=int, default=500, help="distinct answer sets")
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2026, help="random seed")
        parser.add_argument(
            "--jobs", type=int, default=0, help="processes building rows (PostgreSQL; 0: cores)"
        )

    def handle(
        self, *args, count: int, days: int, pool: int, batch: int, seed: int, jobs: int, **options
    ):
        started = time.perf_counter()
        rng = random.Random(seed)
        scored = []
        for _ in range(max(1, pool)):
            answers = random_answers(rng)
            scored.append((answers, score_answers(answers)))
        self.staff = list(assignable_staff().values_list("pk", flat=True)[:50])
        self.hours = {u: first_contact_hours(urgency=u) for u in URGENCIES}
        self.scored, self.days, self.now = scored, days, timezone.now()
        serial = Screening.objects.count() + 1
        batches = [(start, min(batch, count - start)) for start in range(0, count, batch)]
        if _can_copy():
            dropped = _drop_secondary_indexes() if count >= _rows_held() else []
            try:
                self._copy(batches, serial, seed, jobs or len(os.sched_getaffinity(0)))
            finally:
                copied = time.perf_counter()
                _create_indexes(dropped)
                self.stdout.write(
                    f"rows written in {copied - started:.1f} s; {len(dropped)} indexes built "
                    f"in {time.perf_counter() - copied:.1f} s"
                )
            with connection.cursor() as cursor:  # planner statistics for the new rows
                for model in MODELS:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        else:
            writer = BulkWriter()
            for start, size in batches:
                writer.write([self._rows(rng, serial + start + i) for i in range(size)])
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {count} referrals in {elapsed:.1f} s ({pool} answer sets).")
        )

    def _copy(self, batches: list[tuple[int, int]], serial: int, seed: int, jobs: int) -> None:
        """Rows and COPY text built by ``jobs`` forked processes (they inherit the answer
        pool; they never touch the database); ids reserved here; a writer thread COPYs."""
        global _BUILDER
        _BUILDER = self
        writer = CopyWriter()
        connection.close()  # nothing open is shared with the forked builders
        context = multiprocessing.get_context("fork")
        with context.Pool(processes=max(1, jobs)) as builders:
            pending = []
            for start, size in batches:
                ids = {model: writer.ids(model, size) for model in MODELS}
                pending.append(
                    builders.apply_async(_build_batch, (seed, serial + start, size, ids))
                )
                if len(pending) > jobs + 1:  # bounded: builders a little ahead of the writer
                    writer.put(pending.pop(0).get())
            for result in pending:
                writer.put(result.get())
        writer.close()

    def build_batch(self, seed: int, first_serial: int, size: int, ids: dict) -> list:
        rng = random.Random(seed * 1_000_003 + first_serial)
        rows = [self._rows(rng, first_serial + i) for i in range(size)]
        return CopyWriter.render(rows, ids)

    def _rows(self, rng, serial: int):
        """Field values (by attname) of one screening, its recommendation and referral."""
        scored, now, days = self.scored, self.now, self.days
        answers, result = rng.choice(scored)
        person = applicant(rng, serial)
        email_key, phone_key = contact_keys(email=person["email"], phone=person["phone"])
        created = now - timedelta(seconds=rng.random() * days * 86400)
        age = int(answers["age"])
        born = date.today() - timedelta(days=age * 365 + rng.randint(0, 364))
        screening = {
            **person,
            "public_id": uuid.uuid4(),
            "status": Screening.Status.SUBMITTED,
            "current_step": "",
            "date_of_birth": born,
            "insurance_member_id": (
                f"M{rng.randint(10**8, 10**9 - 1)}" if person["insurance_carrier"] else ""
            ),
            "consent_terms": True,
            "answers": answers,
            "crisis_at": created if result.crisis else None,
            "created_at": created - timedelta(minutes=rng.uniform(4, 30)),
            "updated_at": created,
            "submitted_at": created,
        }
        recommendation = {**scored_fields(result), "created_at": created}
        referral = {
            **person,
            "date_of_birth": born,
            "email_key": email_key,
            "phone_key": phone_key,
            "level": result.level,
            "urgency": result.urgency,
            "crisis": result.crisis,
            "flags": result.flags,
            "flags_text": flags_text(result.flags),
            "created_at": created,
            "updated_at": created,
            "status_changed_at": created,
            "due_at": created + timedelta(hours=self.hours[result.urgency]),
        }
        self._pipeline(rng, referral, result, now)
        return screening, recommendation, referral

    def _pipeline(self, rng, referral: dict, result: ScreeningResult, now: datetime) -> None:
        created, due = referral["created_at"], referral["due_at"]
        age_days = (now - created).total_seconds() / 86400
        for limit, weights in STATUS_BY_AGE:
            if limit is None or age_days < limit:
                statuses, counts = zip(*weights, strict=True)
                referral["status"] = rng.choices(statuses, weights=counts)[0]
                break
        window = (due - created).total_seconds()
        if referral["status"] != Referral.Status.NEW:
            contact = min(created + timedelta(seconds=window * rng.uniform(0.05, 1.4)), now)
            referral["first_attempt_at"] = referral["last_attempt_at"] = contact
            referral["attempt_count"] = 1
            # Most people who moved past "contacting" were reached on that first try.
            if referral["status"] != Referral.Status.CONTACTING or rng.random() < 0.6:
                referral["reached_at"], referral["last_outcome"] = contact, "reached"
                referral["deadline_met"] = contact <= due
            else:
                referral["last_outcome"] = rng.choice(["no_answer", "voicemail"])
            moved = rng.uniform(0, max(0.0, (now - contact).total_seconds()))
            referral["status_changed_at"] = referral["updated_at"] = contact + timedelta(
                seconds=moved
            )
            if self.staff and rng.random() < 0.85:
                referral["assigned_to_id"] = rng.choice(self.staff)
        elif due < now:
            referral["escalated_at"] = due + timedelta(minutes=rng.randint(1, 15))
        if not result.crisis and rng.random() < 0.03:
            referral["override_level"] = rng.choice(["outpatient", "iop", "php"])


def _can_copy() -> bool:
    """COPY from a second connection: PostgreSQL with psycopg2, and no transaction open in
    the caller (another connection could neither see its rows nor join it)."""
    return (
        connection.vendor == "postgresql"
        and connection.Database.__name__ == "psycopg2"
        and not connection.in_atomic_block
    )


def _defaults(model) -> dict[str, object]:
    """Every concrete column's default; callables (uuid4) are always given explicitly."""
    values = {}
    for field in model._meta.concrete_fields:
        values[field.attname] = None if field.primary_key else field.get_default()
    return values


class BulkWriter:
    """Any database: model instances and ``bulk_create``, one transaction per batch."""

    def __init__(self) -> None:
        self.defaults = {model: _defaults(model) for model in MODELS}

    def _make(self, model, values: dict):
        return model(**{**self.defaults[model], **values})

    def write(self, rows) -> None:
        with explicit_timestamps(), transaction.atomic():
            screenings = Screening.objects.bulk_create(
                [self._make(Screening, s) for s, _, _ in rows]
            )
            recommendations, referrals = [], []
            for (_, rec, ref), screening in zip(rows, screenings, strict=True):
                recommendations.append(
                    self._make(Recommendation, {**rec, "screening_id": screening.pk})
                )
                referrals.append(self._make(Referral, {**ref, "latest_screening_id": screening.pk}))
            Recommendation.objects.bulk_create(recommendations)
            Referral.objects.bulk_create(referrals)
            ReferralScreening.objects.bulk_create(
                ReferralScreening(
                    referral_id=r.pk, screening_id=r.latest_screening_id, attached_at=r.created_at
                )
                for r in referrals
            )

    def close(self) -> None:
        pass


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_BUILDER: "Command | None" = None


def _build_batch(seed: int, first_serial: int, size: int, ids: dict) -> list:
    """In a forked builder: one batch's COPY text, per model."""
    return _BUILDER.build_batch(seed, first_serial, size, ids)


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _rows_held() -> int:
    """About how many referrals the table holds (the planner's estimate: no scan)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass",
            [Referral._meta.db_table],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _drop_secondary_indexes() -> list[str]:
    """Drop the indexes of the seeded tables that back no constraint; their definitions."""
    tables = [model._meta.db_table for model in MODELS]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[])
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [tables],
        )
        found = cursor.fetchall()
        for name, _ in found:
            cursor.execute(f"DROP INDEX {name}")
    return [definition for _, definition in found]


def _create_indexes(definitions: list[str]) -> None:
    """Build the dropped indexes again, two connections at a time (two cores)."""
    if not definitions:
        return
    work: queue.Queue = queue.Queue()
    for definition in sorted(definitions, key=lambda d: "gin" not in d):  # slowest first
        work.put(definition)
    errors: list[BaseException] = []

    def build() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '256MB'")
                while True:
                    try:
                        definition = work.get_nowait()
                    except queue.Empty:
                        return
                    cursor.execute(definition)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=build, name=f"seed-index-{n}") for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


_PLANS = {
    model: [(f.attname, isinstance(f, models.JSONField)) for f in model._meta.concrete_fields]
    for model in MODELS
}
_DEFAULTS: dict = {}


class CopyWriter:
    """PostgreSQL: ids come from the sequences (``ids``), COPY text from ``render`` (in the
    builder processes); a writer thread, on its own connection, COPYs each batch in one
    transaction while the next ones are built."""

    def __init__(self) -> None:
        self.skip_fk_checks = _is_superuser()
        self.pending: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="seed-copy", daemon=True)
        self.thread.start()

    @staticmethod
    def ids(model, count: int) -> list[int]:
        meta = model._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count],
            )
            return [pk for (pk,) in cursor.fetchall()]

    @staticmethod
    def _text(model, rows: list[dict]) -> str:
        plan = _PLANS[model]
        defaults = _DEFAULTS.get(model)
        if defaults is None:
            defaults = _DEFAULTS[model] = _defaults(model)
        json_cache: dict[int, str] = {}
        lines = []
        for row in rows:
            values = []
            for attname, is_json in plan:
                value = row[attname] if attname in row else defaults[attname]
                if is_json:
                    text = json_cache.get(id(value))
                    if text is None:
                        text = json_cache[id(value)] = json.dumps(value).translate(_ESCAPES)
                    values.append(text)
                elif value is None:
                    values.append("\\N")
                elif value is True or value is False:
                    values.append("t" if value else "f")
                elif isinstance(value, str):
                    values.append(value.translate(_ESCAPES))
                elif isinstance(value, datetime | date):
                    values.append(value.isoformat())
                else:
                    values.append(str(value))
            lines.append("\t".join(values))
        return "\n".join(lines) + "\n"

    @classmethod
    def render(cls, rows, ids: dict) -> list:
        screenings, recommendations, referrals, links = [], [], [], []
        for i, (screening, recommendation, referral) in enumerate(rows):
            screening_id, referral_id = ids[Screening][i], ids[Referral][i]
            screenings.append({**screening, "id": screening_id})
            recommendations.append(
                {**recommendation, "id": ids[Recommendation][i], "screening_id": screening_id}
            )
            referrals.append({**referral, "id": referral_id, "latest_screening_id": screening_id})
            links.append(
                {
                    "id": ids[ReferralScreening][i],
                    "referral_id": referral_id,
                    "screening_id": screening_id,
                    "attached_at": referral["created_at"],
                }
            )
        return [
            (model, cls._text(model, data))
            for model, data in zip(
                MODELS, (screenings, recommendations, referrals, links), strict=True
            )
        ]

    def put(self, batch: list) -> None:
        if self.error is not None:
            raise self.error
        self.pending.put(batch)

    def _run(self) -> None:
        try:
            while (batch := self.pending.get()) is not None:
                if self.error is None:
                    with transaction.atomic(), connection.cursor() as cursor:
                        cursor.execute("SET LOCAL synchronous_commit = off")
                        if self.skip_fk_checks:
                            # The ids were taken from the sequences just now and every
                            # foreign key points at a row of the same batch or an existing
                            # staff account: skip the deferred per-row FK triggers, which
                            # otherwise cost as much as the COPY itself (superuser only).
                            cursor.execute("SET LOCAL session_replication_role = replica")
                        for model, text in batch:
                            columns = ", ".join(
                                connection.ops.quote_name(f.column)
                                for f in model._meta.concrete_fields
                            )
                            table = connection.ops.quote_name(model._meta.db_table)
                            cursor.copy_expert(
                                f"COPY {table} ({columns}) FROM STDIN", io.StringIO(text)
                            )
        except BaseException as exc:
            self.error = exc
            while self.pending.get() is not None:  # let the producer finish and close
                pass
        finally:
            connection.close()

    def close(self) -> None:
        self.pending.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
