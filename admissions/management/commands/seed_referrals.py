"""Seed many submitted screenings and the referrals they opened, fast, for benchmarks.

    python manage.py seed_referrals --count 100000

Each referral gets a submitted Screening, its Recommendation and the ReferralScreening link,
all consistent with the scoring engine: a pool of random valid answer sets is scored once and
reused, so every stored recommendation is what ``score_answers`` gives for its answers.
Timestamps are spread over the past months and the pipeline status follows a referral's age.

For the dashboard (issue 14) each referral also gets a source (what the person answered, or
none), sometimes a partner link (three seeded partners), an insurance status, and the rows
behind its pipeline: the contact attempt its first-attempt and reach times come from, an
assessment (attended for those admitted or past it, booked for those scheduled), the
Override row of an overridden level (by one of the staff), and the crisis episode of a
crisis referral (acknowledged within minutes, closed when the referral has ended).

On PostgreSQL (psycopg2) rows are written with COPY, ids taken from each table's sequence:
the batches are shared out to ``--jobs`` forked processes (default one per core), each with
its own connection and a writer thread that copies one batch while the next is built. Every
batch has its own random stream (from ``--seed`` and its number), so the data do not depend
on which process built it. The loading sessions run with ``synchronous_commit = off`` and, for
a superuser, without the foreign-key triggers (``session_replication_role = replica``; every
id comes from its sequence, so the keys hold by construction). A load of at least
``--rebuild-indexes-from`` referrals (default 50,000), and no fewer than there already are,
drops the tables' plain indexes first and builds them again after, as the migrations do;
unique indexes stay. Elsewhere rows go in with ``bulk_create``. Not for production databases.
"""

import io
import json
import multiprocessing
import os
import queue
import random
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, connections, models, transaction
from django.utils import timezone

from admissions.management.sample_data import applicant, random_answers
from admissions.models import (
    Assessment,
    ContactAttempt,
    CrisisEpisode,
    Override,
    Referral,
    ReferralScreening,
)
from admissions.selectors.deadlines import first_contact_hours
from admissions.selectors.staff import assignable_staff
from admissions.services.intake import contact_keys, flags_text
from screening.models import Recommendation, ReferralPartner, Screening
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
CHILD_MODELS = (ContactAttempt, Assessment, Override, CrisisEpisode)
"""Rows a referral may have none or one of; their ids for the parents are filled in when
the batch is written (``REFERRAL``, ``SCREENING``, ``RECOMMENDATION`` stand in for them)."""
REFERRAL, SCREENING, RECOMMENDATION = "<referral>", "<screening>", "<recommendation>"
REBUILD_INDEXES_FROM = 50_000
AUTO_TIME_FIELDS = (
    (Screening, ("created_at", "updated_at")),
    (Recommendation, ("created_at",)),
    (Referral, ("created_at", "updated_at", "status_changed_at")),
    (ReferralScreening, ("attached_at",)),
    (ContactAttempt, ("created_at",)),
    (Assessment, ("created_at",)),
    (Override, ("created_at",)),
)
SOURCES = (
    ("search", 24),
    ("clinician", 20),
    ("hospital", 10),
    ("insurer", 6),
    ("friend_family", 14),
    ("school_employer", 4),
    ("social_media", 8),
    ("other", 4),
    ("", 10),
)
INSURANCE = (
    ("not_started", 25),
    ("in_progress", 10),
    ("in_network", 40),
    ("out_of_network", 10),
    ("self_pay", 8),
    ("no_coverage", 7),
)
PARTNERS = (
    ("st-marys-ed", "St. Mary's Emergency Department", "Jordan Lee"),
    ("county-schools", "County School Counselors", "Priya Shah"),
    ("harbor-pcp", "Harbor Primary Care", "Miguel Torres"),
)


def seed_partners() -> list[int]:
    ids = []
    for code, organisation, contact in PARTNERS:
        partner, _ = ReferralPartner.objects.get_or_create(
            code=code, defaults={"organisation": organisation, "contact_name": contact}
        )
        ids.append(partner.pk)
    return ids


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
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="COPY path: batches built and written by this many forked processes",
        )
        parser.add_argument(
            "--rebuild-indexes-from",
            type=int,
            default=REBUILD_INDEXES_FROM,
            help="COPY path: at least this many new referrals, and no fewer than there are "
            "already, drop the tables' non-unique indexes for the load and build them after",
        )

    def handle(
        self,
        *args,
        count: int,
        days: int,
        pool: int,
        batch: int,
        seed: int,
        rebuild_indexes_from: int,
        jobs: int,
        **options,
    ):
        started = time.perf_counter()
        rng = random.Random(seed)
        scored = []
        for _ in range(max(1, pool)):
            answers = random_answers(rng)
            scored.append((answers, score_answers(answers)))
        self.staff = list(assignable_staff().values_list("pk", flat=True)[:50])
        self.hours = {u: first_contact_hours(urgency=u) for u in URGENCIES}
        self.partners = seed_partners()
        now = timezone.now()
        serial = Screening.objects.count() + 1
        copy = _can_copy()
        rebuild = copy and count >= max(rebuild_indexes_from, Referral.objects.count())
        dropped = _drop_indexes() if rebuild else []
        tasks = [
            (number, serial + start, min(batch, count - start))
            for number, start in enumerate(range(0, count, max(1, batch)))
        ]
        done = 0
        try:
            if copy and jobs > 1 and len(tasks) > 1:
                done = self._forked(tasks, jobs, (scored, now, days, seed))
            else:
                writer = CopyWriter() if copy else BulkWriter()
                try:
                    for task in tasks:
                        writer.write(self._batch(task, scored, now, days, seed))
                        done += task[2]
                finally:
                    writer.close()
        finally:
            loaded = time.perf_counter()
            _build_indexes(dropped)  # even after a failure: the schema must stay whole
        if dropped:
            self.stdout.write(
                f"Rebuilt {len(dropped)} indexes in {time.perf_counter() - loaded:.1f} s."
            )
        if connection.vendor == "postgresql":
            # Planner statistics and the visibility map for the new rows, as autovacuum would
            # leave a settled table (index-only scans need the map). VACUUM cannot run inside
            # a transaction (a test's): there, ANALYZE alone.
            settle = "VACUUM (ANALYZE)" if connection.get_autocommit() else "ANALYZE"
            with connection.cursor() as cursor:
                for model in (*MODELS, *CHILD_MODELS):
                    cursor.execute(f"{settle} {connection.ops.quote_name(model._meta.db_table)}")
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {done} referrals in {elapsed:.1f} s ({pool} answer sets).")
        )

    def _batch(self, task: tuple[int, int, int], scored, now: datetime, days: int, seed: int):
        """The rows of batch ``task`` = (number, first serial, size), from its own random
        stream, so the data do not depend on which process built which batch."""
        number, first, size = task
        rng = random.Random(seed * 1_000_003 + number)
        return [self._rows(rng, scored, now, days, first + i) for i in range(size)]

    def _forked(self, tasks: list, jobs: int, args: tuple) -> int:
        """Build and COPY the batches in ``jobs`` forked processes: row building is pure
        Python, so one process is one core. Each has its own connection and writer thread,
        so it builds its next batch while its last one is copied."""
        global _FORKED
        connections.close_all()  # each process opens its own
        _FORKED = (self, *args)
        context = multiprocessing.get_context("fork")
        shares = [tasks[n::jobs] for n in range(jobs)]
        try:
            processes = [context.Process(target=_forked_share, args=(s,)) for s in shares]
            for process in processes:
                process.start()
            for process in processes:
                process.join()
        finally:
            _FORKED = None
        failed = [p.exitcode for p in processes if p.exitcode != 0]
        if failed:
            raise CommandError(f"{len(failed)} of {jobs} seeding processes failed: {failed}")
        return sum(size for _, _, size in tasks)

    def _rows(self, rng, scored, now: datetime, days: int, serial: int):
        """Field values (by attname) of one screening, its recommendation and referral."""
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
        children = self._children(rng, referral, result, now)
        return screening, recommendation, referral, children

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
        sources, weights = zip(*SOURCES, strict=True)
        referral["source"] = rng.choices(sources, weights=weights)[0]
        if self.partners and rng.random() < 0.08:
            referral["partner_id"] = rng.choice(self.partners)
        statuses, weights = zip(*INSURANCE, strict=True)
        referral["insurance_status"] = rng.choices(statuses, weights=weights)[0]

    def _children(self, rng, referral: dict, result: ScreeningResult, now: datetime):
        """The rows behind the referral's figures: ``[(model, values), ...]``."""
        if not self.staff:
            return []
        rows = []
        staff = referral.get("assigned_to_id") or rng.choice(self.staff)
        if referral.get("first_attempt_at"):
            rows.append(
                (
                    ContactAttempt,
                    {
                        "referral_id": REFERRAL,
                        "staff_id": staff,
                        "channel": "phone",
                        "outcome": referral["last_outcome"],
                        "note": "",
                        "created_at": referral["first_attempt_at"],
                    },
                )
            )
        status = referral["status"]
        if status in ("assessment_scheduled", "admitted") or (
            status in ("referred_out", "declined") and rng.random() < 0.5
        ):
            reached = referral.get("reached_at") or referral["created_at"]
            booked = status == "assessment_scheduled"
            starts = (
                now + timedelta(hours=rng.uniform(2, 240))
                if booked
                else min(reached + timedelta(days=rng.uniform(1, 6)), now)
            )
            rows.append(
                (
                    Assessment,
                    {
                        "referral_id": REFERRAL,
                        "starts_at": starts,
                        "duration_minutes": 60,
                        "mode": rng.choice(["phone", "video", "in_person"]),
                        "clinician_id": rng.choice(self.staff),
                        "scheduled_by_id": staff,
                        "status": "scheduled" if booked else "attended",
                        "created_at": reached,
                        "closed_at": None if booked else starts,
                    },
                )
            )
        if referral.get("override_level"):
            rows.append(
                (
                    Override,
                    {
                        "referral_id": REFERRAL,
                        "recommendation_id": RECOMMENDATION,
                        "level": referral["override_level"],
                        "reason": "Seeded override",
                        "note": "",
                        "clinician_id": rng.choice(self.staff),
                        "created_at": referral["created_at"] + timedelta(hours=2),
                    },
                )
            )
        if result.crisis:
            opened = referral["created_at"]
            acked = min(opened + timedelta(minutes=rng.uniform(1, 25)), now)
            ended = status not in ("new", "contacting", "assessment_scheduled")
            rows.append(
                (
                    CrisisEpisode,
                    {
                        "referral_id": REFERRAL,
                        "screening_id": SCREENING,
                        "opened_at": opened,
                        "alert_round": 0,
                        "acknowledged_at": acked,
                        "acknowledged_by_id": rng.choice(self.staff),
                        "outcome": "safety_plan" if ended else "",
                        "outcome_note": "",
                        "closed_at": max(acked, referral["status_changed_at"]) if ended else None,
                        "closed_by_id": rng.choice(self.staff) if ended else None,
                    },
                )
            )
        return rows


_FORKED: tuple | None = None
"""What a forked builder needs, set by the parent just before the fork."""


def _forked_share(tasks: list[tuple[int, int, int]]) -> None:
    command, *args = _FORKED
    writer = CopyWriter()
    try:
        for task in tasks:
            writer.write(command._batch(task, *args))
    finally:
        writer.close()
        connections.close_all()


def _tables() -> list[str]:
    return [model._meta.db_table for model in (*MODELS, *CHILD_MODELS)]


def _drop_indexes() -> list[tuple[str, str, int]]:
    """Drop the loaded tables' plain (non-unique) indexes: ``[(name, definition, size)]``.

    Maintaining some thirty indexes on referral row by row (four trigram GINs, random keys
    like email_key) is most of a large load's database time once they outgrow the buffer
    cache; building each once from the loaded table is far cheaper. Unique indexes and those
    behind constraints stay, so every row is still checked as it goes in."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname, pg_get_indexdef(i.indexrelid), pg_relation_size(i.indrelid)
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace
              AND NOT i.indisunique AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            """,
            [_tables()],
        )
        found = cursor.fetchall()
        own = _django_index_sql()
        # Rebuilt as the migrations built them: pg_get_indexdef's text, run again, deparses
        # differently (casts in IN lists), though it means the same.
        dropped = [(name, own.get(name, definition), size) for name, definition, size in found]
        for name, _, _ in dropped:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    return dropped


def _django_index_sql() -> dict[str, str]:
    """``{index name: CREATE INDEX ...}`` for the loaded models' indexes, as Django's schema
    editor writes them (db_index fields, their ``_like`` twins, ``Meta.indexes``)."""
    with connection.schema_editor(collect_sql=True) as editor:
        statements = [
            statement
            for model in (*MODELS, *CHILD_MODELS)
            for statement in editor._model_indexes_sql(model)
        ]
    named = {}
    for statement in statements:
        name = statement.parts.get("name")
        if name is not None:
            named[str(name).strip('"')] = str(statement)
    return named


def _build_indexes(dropped: list[tuple[str, str, int]], workers: int = 2) -> None:
    """Build the dropped indexes again from their own definitions, ``workers`` at a time
    (one connection each), the biggest tables' GIN indexes first."""
    if not dropped:
        return
    pending: queue.Queue = queue.Queue()
    for item in sorted(dropped, key=lambda d: (-d[2], " gin " not in d[1].lower())):
        pending.put(item[1])
    errors: list[BaseException] = []

    def build() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET maintenance_work_mem = '256MB'")
                cursor.execute("SET max_parallel_maintenance_workers = 0")
                while True:
                    try:
                        definition = pending.get_nowait()
                    except queue.Empty:
                        return
                    try:
                        cursor.execute(definition)
                    except BaseException as exc:
                        errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=build, name=f"seed-index-{n}") for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def _can_copy() -> bool:
    """COPY from a second connection: PostgreSQL with psycopg2, and no transaction open in
    the caller (another connection could neither see its rows nor join it)."""
    return (
        connection.vendor == "postgresql"
        and connection.Database.__name__ == "psycopg2"
        and not connection.in_atomic_block
    )


def _child_values(values: dict, ids: dict[str, int]) -> dict:
    return {k: ids[v] if isinstance(v, str) and v in ids else v for k, v in values.items()}


def _defaults(model) -> dict[str, object]:
    """Every concrete column's default; callables (uuid4) are always given explicitly."""
    values = {}
    for field in model._meta.concrete_fields:
        values[field.attname] = None if field.primary_key else field.get_default()
    return values


class BulkWriter:
    """Any database: model instances and ``bulk_create``, one transaction per batch."""

    def __init__(self) -> None:
        self.defaults = {model: _defaults(model) for model in (*MODELS, *CHILD_MODELS)}

    def _make(self, model, values: dict):
        return model(**{**self.defaults[model], **values})

    def write(self, rows) -> None:
        with explicit_timestamps(), transaction.atomic():
            screenings = Screening.objects.bulk_create(
                [self._make(Screening, s) for s, _, _, _ in rows]
            )
            recommendations, referrals = [], []
            for (_, rec, ref, _), screening in zip(rows, screenings, strict=True):
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
            children: dict = {model: [] for model in CHILD_MODELS}
            for (_, _, _, kids), screening, rec, ref in zip(
                rows, screenings, recommendations, referrals, strict=True
            ):
                ids = {REFERRAL: ref.pk, SCREENING: screening.pk, RECOMMENDATION: rec.pk}
                for model, values in kids:
                    children[model].append(self._make(model, _child_values(values, ids)))
            for model, instances in children.items():
                model.objects.bulk_create(instances)

    def close(self) -> None:
        pass


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_SPECIAL = re.compile(r"[\\\t\n\r]")


def _copy_text(value: str) -> str:
    return value.translate(_ESCAPES) if _SPECIAL.search(value) else value


def _copy_bool(value: bool) -> str:
    return "t" if value else "f"


def _copy_json():
    """JSON text, cached by object: the answer sets and flag lists come from a small pool."""
    cache: dict[int, tuple[object, str]] = {}

    def convert(value) -> str:
        hit = cache.get(id(value))
        if hit is None or hit[0] is not value:
            if len(cache) > 10_000:  # values made per row: keep the cache small
                cache.clear()
            hit = cache[id(value)] = (value, json.dumps(value).translate(_ESCAPES))
        return hit[1]

    return convert


def _converter(field):
    if isinstance(field, models.JSONField):
        return _copy_json()
    if isinstance(field, models.BooleanField):
        return _copy_bool
    if isinstance(field, models.DateTimeField):
        return datetime.isoformat
    if isinstance(field, models.DateField):
        return date.isoformat
    if isinstance(field, models.CharField | models.TextField):
        return _copy_text
    return str


def _copy_plan(model, defaults: dict):
    """``(template, slots)``: the COPY text of every column's default, and for each attname
    its column's index and converter."""
    template, slots = [], {}
    for index, field in enumerate(model._meta.concrete_fields):
        convert = _converter(field)
        default = defaults[field.attname]
        template.append("\\N" if default is None else convert(default))
        slots[field.attname] = (index, convert)
    return template, slots


def _prepare_session() -> None:
    with connection.cursor() as cursor:
        # A lost last batch on a crash is fine for seed data; a flush per batch is not.
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SELECT current_setting('is_superuser') = 'on'")
        if cursor.fetchone()[0]:
            # Every id is taken from its sequence here, so the foreign keys hold by
            # construction; skip their per-row triggers (superuser only).
            cursor.execute("SET session_replication_role = replica")


def _copy(batch: list) -> None:
    """One batch, ``[(model, COPY text), ...]``, in one transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model, text in batch:
            columns = ", ".join(
                connection.ops.quote_name(f.column) for f in model._meta.concrete_fields
            )
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.copy_expert(
                f"COPY {table} ({columns}) FROM STDIN", io.BytesIO(text.encode()), size=1 << 20
            )


class CopyWriter:
    """PostgreSQL: this thread takes ids from the sequences and renders COPY text; a writer
    thread, on its own connection, COPYs each batch in one transaction meanwhile."""

    def __init__(self) -> None:
        every = (*MODELS, *CHILD_MODELS)
        self.defaults = {model: _defaults(model) for model in every}
        self.plans = {model: _copy_plan(model, self.defaults[model]) for model in every}
        self.pending: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="seed-copy", daemon=True)
        self.thread.start()

    def _ids(self, model, count: int) -> list[int]:
        meta = model._meta
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, count],
            )
            return [pk for (pk,) in cursor.fetchall()]

    def _text(self, model, rows: list[dict]) -> str:
        """COPY text of ``rows``: the columns a row leaves out are its model's defaults,
        rendered once; each given value goes through its column's converter."""
        template, slots = self.plans[model]
        lines = []
        for row in rows:
            values = template.copy()
            for attname, value in row.items():
                index, convert = slots[attname]
                values[index] = "\\N" if value is None else convert(value)
            lines.append("\t".join(values))
        return "\n".join(lines) + "\n"

    def write(self, rows) -> None:
        if self.error is not None:
            raise self.error
        size = len(rows)
        ids = {model: self._ids(model, size) for model in MODELS}
        screenings, recommendations, referrals, links = [], [], [], []
        kids: dict = {model: [] for model in CHILD_MODELS}
        for i, (screening, recommendation, referral, children) in enumerate(rows):
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
            parents = {
                REFERRAL: referral_id,
                SCREENING: screening_id,
                RECOMMENDATION: ids[Recommendation][i],
            }
            for model, values in children:
                kids[model].append(_child_values(values, parents))
        batch = [
            (model, self._text(model, data))
            for model, data in zip(
                MODELS, (screenings, recommendations, referrals, links), strict=True
            )
        ]
        for model, data in kids.items():
            if data:
                child_ids = self._ids(model, len(data))
                for row, pk in zip(data, child_ids, strict=True):
                    row["id"] = pk
                batch.append((model, self._text(model, data)))
        self.pending.put(batch)

    def _run(self) -> None:
        try:
            _prepare_session()
            while (batch := self.pending.get()) is not None:
                if self.error is None:
                    _copy(batch)
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
