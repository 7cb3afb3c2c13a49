"""Seed many submitted screenings and the referrals they opened, fast, for benchmarks.

    python manage.py seed_referrals --count 100000

Each referral gets a submitted Screening, its Recommendation and the ReferralScreening link,
all consistent with the scoring engine: a pool of random valid answer sets is scored once and
reused, so every stored recommendation is what ``score_answers`` gives for its answers. Rows
are written with ``bulk_create`` in batches; timestamps are spread over the past months and the
pipeline status follows a referral's age. Not for production databases.
"""

import io
import json
import random
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
from admissions.selectors.staff import assignable_staff
from admissions.services.deadlines import first_contact_hours
from admissions.services.intake import contact_keys, flags_text
from screening.models import Recommendation, Screening
from screening.scoring import URGENCIES, ScreeningResult, score_answers

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
AUTO_TIME_FIELDS = (
    (Screening, ("created_at", "updated_at")),
    (Recommendation, ("created_at",)),
    (Referral, ("created_at", "updated_at", "status_changed_at")),
    (ReferralScreening, ("attached_at",)),
)


@contextmanager
def explicit_timestamps() -> Iterator[None]:
    """Let the seeder set auto_now / auto_now_add fields to past times."""
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
        parser.add_argument("--batch", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args, count: int, days: int, pool: int, batch: int, seed: int, **options):
        started = time.perf_counter()
        rng = random.Random(seed)
        scored = []
        for _ in range(max(1, pool)):
            answers = random_answers(rng)
            scored.append((answers, score_answers(answers)))
        staff = list(assignable_staff().values_list("pk", flat=True)[:50])
        self.hours = {u: first_contact_hours(urgency=u) for u in URGENCIES}
        now = timezone.now()
        serial = Screening.objects.count() + 1
        done = 0
        with explicit_timestamps():
            while done < count:
                size = min(batch, count - done)
                rows = [
                    self._rows(rng, scored, staff, now, days, serial + done + i)
                    for i in range(size)
                ]
                self._write(rows)
                done += size
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {done} referrals in {elapsed:.1f} s ({pool} answer sets).")
        )

    def _rows(self, rng, scored, staff, now: datetime, days: int, serial: int):
        answers, result = rng.choice(scored)
        person = applicant(rng, serial)
        keys = contact_keys(email=person["email"], phone=person["phone"])
        created = now - timedelta(seconds=rng.random() * days * 86400)
        started = created - timedelta(minutes=rng.uniform(4, 30))
        age = int(answers["age"])
        born = date.today() - timedelta(days=age * 365 + rng.randint(0, 364))
        screening = Screening(
            public_id=uuid.uuid4(),
            status=Screening.Status.SUBMITTED,
            current_step="",
            date_of_birth=born,
            insurance_member_id=f"M{rng.randint(10**8, 10**9 - 1)}"
            if person["insurance_carrier"]
            else "",
            consent_terms=True,
            answers=answers,
            crisis_at=created if result.crisis else None,
            created_at=started,
            updated_at=created,
            submitted_at=created,
            **person,
        )
        recommendation = Recommendation(
            rule_set=result.rule_set,
            level=result.level,
            level_basis=result.level_basis,
            urgency=result.urgency,
            crisis=result.crisis,
            composite=result.composite,
            domains=result.domains,
            instruments=result.instruments,
            flags=result.flags,
            reasons=result.reasons,
            created_at=created,
        )
        referral = Referral(
            date_of_birth=born,
            email_key=keys[0],
            phone_key=keys[1],
            level=result.level,
            urgency=result.urgency,
            crisis=result.crisis,
            flags=result.flags,
            flags_text=flags_text(result.flags),
            created_at=created,
            updated_at=created,
            status_changed_at=created,
            due_at=created + timedelta(hours=self.hours[result.urgency]),
            **person,
        )
        self._pipeline(rng, referral, result, staff, now)
        return screening, recommendation, referral

    @staticmethod
    def _pipeline(rng, referral: Referral, result: ScreeningResult, staff, now: datetime) -> None:
        age_days = (now - referral.created_at).total_seconds() / 86400
        for limit, weights in STATUS_BY_AGE:
            if limit is None or age_days < limit:
                statuses, counts = zip(*weights, strict=True)
                referral.status = rng.choices(statuses, weights=counts)[0]
                break
        window = (referral.due_at - referral.created_at).total_seconds()
        if referral.status != Referral.Status.NEW:
            contact = referral.created_at + timedelta(seconds=window * rng.uniform(0.05, 1.4))
            referral.first_contact_at = min(contact, now)
            referral.deadline_met = referral.first_contact_at <= referral.due_at
            moved = rng.uniform(0, max(0.0, (now - referral.first_contact_at).total_seconds()))
            referral.status_changed_at = referral.first_contact_at + timedelta(seconds=moved)
            referral.updated_at = referral.status_changed_at
            if staff and rng.random() < 0.85:
                referral.assigned_to_id = rng.choice(staff)
        elif referral.due_at < now:
            referral.deadline_met = False
            referral.escalated_at = referral.due_at + timedelta(minutes=rng.randint(1, 15))
        if not result.crisis and rng.random() < 0.03:
            referral.override_level = rng.choice(["outpatient", "iop", "php"])

    @staticmethod
    def _write(rows) -> None:
        with transaction.atomic():
            write = _copy if _can_copy() else _bulk_create
            screenings = write(Screening, [s for s, _, _ in rows])
            recommendations, referrals = [], []
            for (_, recommendation, referral), screening in zip(rows, screenings, strict=True):
                recommendation.screening_id = screening.pk
                referral.latest_screening_id = screening.pk
                recommendations.append(recommendation)
                referrals.append(referral)
            write(Recommendation, recommendations)
            write(Referral, referrals)
            write(
                ReferralScreening,
                [
                    ReferralScreening(
                        referral_id=referral.pk,
                        screening_id=referral.latest_screening_id,
                        attached_at=referral.created_at,
                    )
                    for referral in referrals
                ],
            )


def _can_copy() -> bool:
    return connection.vendor == "postgresql" and connection.Database.__name__ == "psycopg2"


def _bulk_create(model, objs: list) -> list:
    return model.objects.bulk_create(objs)


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy(model, objs: list) -> list:
    """PostgreSQL COPY: ids from the table's sequence, then one COPY per table (several times
    faster than INSERT for 100,000 rows). Every concrete column is written, as Django would."""
    meta = model._meta
    fields = meta.concrete_fields
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
        json_cache: dict[int, str] = {}
        plan = [(f.attname, isinstance(f, models.JSONField)) for f in fields]
        lines = []
        for obj in objs:
            values = []
            for attname, is_json in plan:
                value = getattr(obj, attname)
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
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(meta.db_table)
        cursor.copy_expert(
            f"COPY {table} ({columns}) FROM STDIN", io.StringIO("\n".join(lines) + "\n")
        )
    return objs
