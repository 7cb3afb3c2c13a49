"""Scheduling follow-ups: one FollowUp row per message, written in the caller's transaction.

The row is the source of truth. After the transaction commits, a Celery task is asked to send
it; if the broker is down the row simply waits for the dispatcher (beat), so nothing is lost.
Sending itself lives in ``followup_delivery``; the dispatcher and staff retries in
``followup_dispatch``; missed deadlines in ``escalations``; crisis alerts in ``crisis_alerts``."""

import logging
import time
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from core import roles
from screening.services import screening_note_site_language

from .. import pipeline, wake
from ..models import ContactAttempt, FollowUp, Referral, StatusChange
from ..selectors.staff import staff_ids_in_group, staff_in_group
from .contact_window import next_calling_time

logger = logging.getLogger(__name__)

# After the broker refused a publish, skip publishing for this long: the rows wait for the
# dispatcher instead of every request paying the connection timeout again.
BROKER_COOLDOWN_SECONDS = 15.0
_broker_down_until = 0.0


def no_response_delays() -> list[tuple[str, timedelta]]:
    """Each no-response kind and how long after the unsuccessful attempt it is due."""
    hours = settings.FOLLOWUP_NO_RESPONSE_HOURS
    return [
        (kind, timedelta(hours=h))
        for kind, h in zip(FollowUp.NO_RESPONSE_KINDS, hours, strict=True)
    ]


def broker_marked_down() -> bool:
    return time.monotonic() < _broker_down_until


def _mark_broker_down() -> None:
    global _broker_down_until
    _broker_down_until = time.monotonic() + BROKER_COOLDOWN_SECONDS


def followup_wake(followup_id: int, *, countdown: float | None = None) -> bool:
    """Wake the sender for one follow-up. Never raises: when the broker is unreachable the
    row stays pending and the dispatcher sends it later. Returns whether it was published
    (or, with eager Celery, run). With a worker the wake-up is a batch one
    (``followups_send_due``): it sends this row along with whatever else is due."""
    if broker_marked_down():
        return False
    row = FollowUp.objects.filter(pk=followup_id, status=FollowUp.Status.PENDING)
    if not wake.eager():
        # Stamped before the publish, never after: a worker that takes the wake-up at once
        # would otherwise find the row locked by this UPDATE, skip it, and leave it to the
        # dispatcher's next re-wake.
        row.update(enqueued_at=timezone.now() + timedelta(seconds=countdown or 0))
    try:
        if wake.eager():
            wake.followup_send_wake(followup_id, countdown=countdown)
        else:
            wake.followups_send_due_wake(countdown=countdown)
    except Exception as exc:  # broker down, or (eager) the send itself failed unexpectedly
        if not wake.eager():
            _mark_broker_down()
            row.update(enqueued_at=None)  # not woken after all: the dispatcher's to wake
        logger.warning(
            "follow-up %s not queued (%s); the dispatcher will send it",
            followup_id,
            type(exc).__name__,
        )
        return False
    if wake.eager():
        row.update(enqueued_at=timezone.now() + timedelta(seconds=countdown or 0))
    return True


def followups_wake_due(*, countdown: float | None = None, unless_queued: bool = False) -> bool:
    """One batch wake-up with no row of its own: after a batch that left rows to retry (at
    ``countdown``) or untried, or that was full. ``unless_queued``: none when a wake-up no
    worker started yet is waiting. Never raises; False when the broker refused it (or none
    was needed)."""
    if wake.eager() or broker_marked_down():
        return False
    try:
        if unless_queued:
            return wake.followups_send_due_wake_unless_queued()
        wake.followups_send_due_wake(countdown=countdown)
    except Exception as exc:
        _mark_broker_down()
        logger.warning("follow-up batch not queued (%s); the dispatcher will send it", exc)
        return False
    return True


def followup_schedule(
    *,
    kind: str,
    channel: str,
    dedupe_key: str,
    referral: Referral | None = None,
    screening=None,
    recipient_user=None,
    scheduled_for: datetime | None = None,
    assessment=None,
    seat_offer=None,
) -> FollowUp:
    """Create one follow-up unless its dedupe key exists already; idempotent.

    Call it inside the transaction that writes the event causing the message. A message due
    now is woken right after that transaction commits; a later one waits for the dispatcher
    (a long Celery countdown would outlive the broker's visibility timeout)."""
    when = scheduled_for or timezone.now()
    followup, created = FollowUp.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "kind": kind,
            "channel": channel,
            "referral": referral,
            "screening": screening,
            "recipient_user": recipient_user,
            "scheduled_for": when,
            "assessment": assessment,
            "seat_offer": seat_offer,
        },
    )
    if created and when <= timezone.now():
        transaction.on_commit(lambda: followup_wake(followup.pk))
    return followup


def followups_wake(
    followup_ids: list[int], *, stamped: bool = False, unless_queued: bool = False
) -> int:
    """Wake several follow-ups at once: one batch wake-up per FOLLOWUP_SEND_BATCH rows, all
    on one broker connection, and the rows stamped with one UPDATE (not one commit each).
    ``stamped``: the rows were inserted with their ``enqueued_at`` already set, so there is
    no stamp to write. ``unless_queued`` (right after the commit that wrote the rows): none
    for the first batch when a wake-up no worker has started yet is waiting, since it claims
    after this commit. Never raises; after a refusal the rest wait for the dispatcher, as
    with ``followup_wake``. Returns how many rows a wake-up went out for."""
    if wake.eager():  # each send runs here and now: keep them independent
        return sum(1 for followup_id in followup_ids if followup_wake(followup_id))
    pending = FollowUp.objects.filter(status=FollowUp.Status.PENDING)
    if broker_marked_down() or not followup_ids:
        if stamped and followup_ids:  # not woken after all: the dispatcher's to wake
            pending.filter(pk__in=followup_ids).update(enqueued_at=None)
        return 0
    size = settings.FOLLOWUP_SEND_BATCH
    covered = 0
    # Stamped before the publishes (see followup_wake): a worker taking the first wake-up at
    # once must not find the rows locked by this UPDATE.
    if not stamped:
        pending.filter(pk__in=followup_ids).update(enqueued_at=timezone.now())
    try:
        with wake.broker_connection() as producer:
            for start in range(0, len(followup_ids), size):
                if start == 0 and unless_queued:
                    wake.followups_send_due_wake_unless_queued(producer=producer)
                else:
                    wake.followups_send_due_wake(producer=producer)
                covered = min(len(followup_ids), start + size)
    except Exception as exc:  # broker down: the rows stay pending for the dispatcher
        _mark_broker_down()
        pending.filter(pk__in=followup_ids[covered:]).update(enqueued_at=None)
        logger.warning(
            "%s follow-up(s) not queued (%s); the dispatcher will send them",
            len(followup_ids) - covered,
            type(exc).__name__,
        )
    return covered


def followups_schedule_now(rows: list[FollowUp]) -> None:
    """Create follow-ups due now, skipping dedupe keys that exist (idempotent, as
    ``followup_schedule``), in two queries instead of four per row, and wake them with one
    hook after commit. Call it inside the transaction of the event that causes them. (The
    rows of a referral created in the same transaction need no look-up: ``followups_fresh``.)"""
    if not rows:
        return
    keys = [row.dedupe_key for row in rows]
    taken = set(FollowUp.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True))
    new = [row for row in rows if row.dedupe_key not in taken]
    if not new:
        return
    try:
        with transaction.atomic():
            FollowUp.objects.bulk_create(new)
    except IntegrityError:  # a concurrent writer got a key first: fall back, row by row
        for row in new:
            followup_schedule(
                kind=row.kind,
                channel=row.channel,
                dedupe_key=row.dedupe_key,
                referral=row.referral,
                screening=row.screening,
                recipient_user=row.recipient_user,
                scheduled_for=row.scheduled_for,
            )
        return
    ids = [row.pk for row in new]
    transaction.on_commit(lambda: followups_wake(ids, unless_queued=True))


def followups_fresh(rows: list[FollowUp]) -> list[FollowUp]:
    """Ready follow-ups of a referral created in this same transaction for the caller to
    insert in it (``core.inserts.insert_together``, with the referral's own rows), and wake
    them right after the commit. Nobody else can see the referral yet,
    so no other row holds their dedupe keys: no look-up. They are inserted already stamped
    as woken, so the wake-up has no UPDATE of its own to make."""
    stamp = None if wake.eager() or broker_marked_down() else timezone.now()
    for row in rows:
        row.enqueued_at = stamp
    if rows:
        transaction.on_commit(
            lambda: followups_wake(
                [row.pk for row in rows], stamped=stamp is not None, unless_queued=True
            )
        )
    return rows


def due_now(**fields) -> FollowUp:
    return FollowUp(scheduled_for=timezone.now(), **fields)


def applicant_channel(referral: Referral) -> str | None:
    """The channel the applicant consented to and prefers; None when they did not consent
    (or asked for texts while the clinic sends none: staff phone them instead)."""
    if not referral.consent_contact:
        return None
    texts = settings.SMS_ENABLED and referral.consent_sms and bool(referral.phone)
    if referral.preferred_contact == "sms" and texts:
        return FollowUp.Channel.SMS
    if referral.email:
        return FollowUp.Channel.EMAIL
    return FollowUp.Channel.SMS if texts else None


def followups_for_new_referral(
    *,
    referral: Referral,
    applicant: bool = True,
    staff_ids: list[int] | None = None,
) -> None:
    """A confirmation to the applicant (unless ``applicant`` is false: not yet) and an alert
    to admissions staff. Idempotent, so calling it again later adds only what is missing.
    ``staff_ids``: ``staff_ids_in_group(ADMISSIONS)``, when the caller read them already in
    this transaction. (A referral opened in the same transaction writes these rows with
    itself: ``new_referral_followup_rows`` and ``followups_fresh``.)"""
    rows = new_referral_followup_rows(referral=referral, applicant=applicant, staff_ids=staff_ids)
    followups_schedule_now(rows)


def new_referral_followup_rows(
    *, referral: Referral, applicant: bool = True, staff_ids: list[int] | None = None
) -> list[FollowUp]:
    """The unsaved rows of ``followups_for_new_referral``: the applicant's confirmation (when
    ``applicant`` and they consented) and one alert per admissions member."""
    rows = []
    channel = applicant_channel(referral) if applicant else None
    if channel:
        rows.append(
            due_now(
                kind=FollowUp.Kind.CONFIRMATION,
                channel=channel,
                referral=referral,
                dedupe_key=f"confirmation:referral:{referral.pk}",
            )
        )
    if staff_ids is None:
        staff_ids = staff_ids_in_group(roles.ADMISSIONS)
    for user_id in staff_ids:
        rows.append(
            due_now(
                kind=FollowUp.Kind.NEW_REFERRAL_ALERT,
                channel=FollowUp.Channel.EMAIL,
                referral=referral,
                recipient_user_id=user_id,
                dedupe_key=f"new_referral_alert:referral:{referral.pk}:user:{user_id}",
            )
        )
    return rows


def followups_for_escalation(*, referral: Referral) -> list[FollowUp]:
    """Tell the admissions lead a first-contact deadline passed: each member of the
    "Admissions lead" group, or settings.ADMISSIONS_LEAD_EMAIL when the group is empty."""
    leads = list(staff_in_group(roles.ADMISSIONS_LEAD))
    kind, channel = FollowUp.Kind.DEADLINE_ESCALATION, FollowUp.Channel.EMAIL
    if not leads and not settings.ADMISSIONS_LEAD_EMAIL:
        logger.error(
            "referral %s: missed deadline, nobody to tell (set ADMISSIONS_LEAD_EMAIL or add "
            "Admissions lead members)",
            referral.pk,
        )
        return []
    if not leads:
        return [
            followup_schedule(
                kind=kind,
                channel=channel,
                referral=referral,
                dedupe_key=f"deadline_escalation:referral:{referral.pk}:lead",
            )
        ]
    return [
        followup_schedule(
            kind=kind,
            channel=channel,
            referral=referral,
            recipient_user=user,
            dedupe_key=f"deadline_escalation:referral:{referral.pk}:user:{user.pk}",
        )
        for user in leads
    ]


def _no_response_sequence_started_at(referral: Referral) -> datetime | None:
    """When the current no-response sequence began, or None when none is running.

    A sequence ends when the person is reached or the referral is reopened after ending;
    the next unsuccessful attempt after that starts a fresh one."""
    reached = referral.contact_attempts.filter(outcome=ContactAttempt.Outcome.REACHED).aggregate(
        at=Max("created_at")
    )["at"]
    reopened = StatusChange.objects.filter(
        referral=referral, from_status__in=pipeline.TERMINAL
    ).aggregate(at=Max("created_at"))["at"]
    reset_at = max((t for t in (reached, reopened) if t is not None), default=None)
    sequence = referral.followups.filter(kind__in=FollowUp.NO_RESPONSE_KINDS)
    if reset_at is not None:
        sequence = sequence.filter(created_at__gt=reset_at)
    return sequence.aggregate(at=Max("created_at"))["at"]


def _no_response_channel(referral: Referral, attempt: ContactAttempt) -> str | None:
    """The applicant's channel, but never a text to a number that turned out wrong."""
    channel = applicant_channel(referral)
    if attempt.outcome == ContactAttempt.Outcome.WRONG_NUMBER and channel == FollowUp.Channel.SMS:
        return FollowUp.Channel.EMAIL if referral.consent_contact and referral.email else None
    return channel


def followups_for_contact_attempt(*, attempt: ContactAttempt) -> None:
    """After an unanswered attempt, schedule the no-response follow-ups (24 h, 72 h and
    7 days after it by default, each moved into the applicant's calling hours) unless a
    sequence is already running. Reaching the person, or their declining to talk, cancels
    the ones still pending and withdraws a no-response proposal."""
    referral = attempt.referral
    if attempt.outcome in (ContactAttempt.Outcome.REACHED, ContactAttempt.Outcome.DECLINED):
        followups_cancel(referral=referral, kinds=list(FollowUp.NO_RESPONSE_KINDS))
        Referral.objects.filter(pk=referral.pk).update(no_response_proposed_at=None)
        referral.no_response_proposed_at = None
        return
    channel = _no_response_channel(referral, attempt)
    if not channel or not referral.is_open:
        return
    if _no_response_sequence_started_at(referral) is not None:
        return
    for kind, delay in no_response_delays():
        followup_schedule(
            kind=kind,
            channel=channel,
            referral=referral,
            scheduled_for=next_calling_time(referral, attempt.created_at + delay),
            dedupe_key=f"{kind}:referral:{referral.pk}:attempt:{attempt.pk}",
        )
    Referral.objects.filter(pk=referral.pk).update(no_response_proposed_at=None)
    referral.no_response_proposed_at = None


def followups_cancel(*, referral: Referral, kinds: list[str] | None = None) -> int:
    """Cancel pending follow-ups of a referral (all kinds, or the ones named). A send that is
    already in flight finishes; the sender re-checks the referral before sending."""
    pending = FollowUp.objects.filter(referral=referral, status=FollowUp.Status.PENDING)
    if kinds is not None:
        pending = pending.filter(kind__in=kinds)
    return pending.update(status=FollowUp.Status.CANCELLED, last_error="")


def followup_request_resume_link(*, screening, site_language: str | None = None) -> FollowUp:
    """Email a single-use resume link, in the language the person is using the site in; the
    token is made at send time, so only its hash is ever stored."""
    screening_note_site_language(screening=screening, language=site_language)
    return followup_schedule(
        kind=FollowUp.Kind.RESUME_LINK,
        channel=FollowUp.Channel.EMAIL,
        screening=screening,
        dedupe_key=f"resume_link:screening:{screening.pk}:{uuid.uuid4().hex[:16]}",
    )
