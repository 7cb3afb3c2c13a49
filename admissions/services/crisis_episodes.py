"""Crisis episodes: opened with the first alert, acknowledged by a clinician in the portal,
closed only by recording how the crisis ended.

An episode opens in the transaction that opens (or attaches) the emergent referral and
writes its first alerts, so they commit together. Until its outcome is recorded the referral
keeps ``crisis_open``: it heads the queue and every staff page carries the crisis banner.
Audit rows name the episode and the step, never the outcome note."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from core import roles
from core.roles import require_permission

from ..models import ContactAttempt, CrisisEpisode, FollowUp, Referral
from .audit_trail import audit_referral

MIN_NOTE_LENGTH = 10


def ack_interval() -> timedelta:
    return timedelta(minutes=settings.CRISIS_ACK_MINUTES)


def _audit(episode: CrisisEpisode, detail: str, *, actor=None, ip_address=None, fields=()):
    audit_referral(
        episode.referral_id,
        action=AuditEvent.Action.CHANGE,
        actor=actor,
        ip_address=ip_address,
        fields=list(fields),
        detail=f"crisis episode {episode.pk}: {detail}",
    )


def crisis_episode_open(*, referral: Referral, screening) -> CrisisEpisode:
    """The episode of this screening's crisis, opened now unless it exists (idempotent).
    Call inside the transaction that records the crisis."""
    now = timezone.now()
    episode, created = CrisisEpisode.objects.get_or_create(
        screening=screening,
        defaults={"referral": referral, "opened_at": now, "next_alert_at": now + ack_interval()},
    )
    if created:
        Referral.objects.filter(pk=referral.pk).update(crisis_open=True)
        referral.crisis_open = True
        _audit(episode, "opened; on call alerted", fields=["crisis_open"])
    return episode


def _require_responder(clinician) -> None:
    require_permission(clinician, roles.RESPOND_CRISIS)


def _open_episodes_of(episode: CrisisEpisode):
    """The episode and any other open one of the same person's referral: a clinician
    responding to the person responds to all of them."""
    return CrisisEpisode.objects.filter(referral_id=episode.referral_id, closed_at__isnull=True)


def _acknowledge(episode: CrisisEpisode, clinician, ip_address) -> bool:
    now = timezone.now()
    waiting = _open_episodes_of(episode).filter(acknowledged_at__isnull=True)
    ids = list(waiting.values_list("pk", flat=True))
    claimed = waiting.filter(pk__in=ids).update(
        acknowledged_at=now, acknowledged_by=clinician, next_alert_at=None
    )
    if not claimed:
        return False
    # Repeats and escalations not yet sent are no longer needed; the first alerts stay.
    FollowUp.objects.filter(
        crisis_episode_id__in=ids, alert_round__gt=0, status=FollowUp.Status.PENDING
    ).update(status=FollowUp.Status.CANCELLED, last_error="Cancelled: the alert was acknowledged")
    if episode.pk in ids:
        episode.acknowledged_at, episode.acknowledged_by = now, clinician
        episode.next_alert_at = None
    for pk in ids:
        _audit(
            CrisisEpisode(pk=pk, referral_id=episode.referral_id),
            "alert acknowledged",
            actor=clinician,
            ip_address=ip_address,
            fields=["acknowledged_at"],
        )
    return True


@transaction.atomic
def crisis_alert_acknowledge(
    *, episode: CrisisEpisode, clinician, ip_address: str | None = None
) -> bool:
    """A clinician has seen the alert and is responding: repeats and escalations stop, for
    this and any other open episode of the referral. Returns False (and changes nothing)
    when someone acknowledged them already."""
    _require_responder(clinician)
    return _acknowledge(episode, clinician, ip_address)


def _check_outcome(episode: CrisisEpisode, outcome: str, note: str) -> None:
    errors: dict[str, str] = {}
    if outcome not in CrisisEpisode.Outcome.values:
        errors["outcome"] = "Choose how the crisis ended from the list."
    elif outcome == CrisisEpisode.Outcome.OTHER and len(note) < MIN_NOTE_LENGTH:
        errors["note"] = "Say what happened in a sentence (at least 10 characters)."
    elif outcome == CrisisEpisode.Outcome.UNREACHABLE:
        attempts = (
            ContactAttempt.objects.filter(
                referral_id=episode.referral_id, created_at__gte=episode.opened_at
            )
            .exclude(outcome=ContactAttempt.Outcome.REACHED)
            .count()
        )
        needed = settings.CRISIS_UNREACHABLE_ATTEMPTS
        if attempts < needed:
            errors["outcome"] = (
                f"Log at least {needed} contact attempts before recording that the person "
                f"could not be reached ({attempts} unsuccessful since the crisis)."
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def crisis_outcome_record(
    *,
    episode: CrisisEpisode,
    clinician,
    outcome: str,
    note: str = "",
    ip_address: str | None = None,
) -> CrisisEpisode:
    """Close the episode, and any other open one of the referral, with its outcome
    (acknowledging the alert too if nobody had). The referral then leaves the top of the
    queue; its crisis flag, urgency and level stay."""
    _require_responder(clinician)
    episode = CrisisEpisode.objects.select_for_update().get(pk=episode.pk)
    if episode.closed_at is not None:
        raise ValidationError("This crisis episode's outcome was recorded already.")
    note = note.strip()
    _check_outcome(episode, outcome, note)
    _acknowledge(episode, clinician, ip_address)
    now = timezone.now()
    ids = list(_open_episodes_of(episode).values_list("pk", flat=True))
    CrisisEpisode.objects.filter(pk__in=ids).update(
        outcome=outcome, outcome_note=note, closed_at=now, closed_by=clinician
    )
    Referral.objects.filter(pk=episode.referral_id).update(crisis_open=False)
    for pk in ids:
        _audit(
            CrisisEpisode(pk=pk, referral_id=episode.referral_id),
            f"outcome recorded ({outcome})",
            actor=clinician,
            ip_address=ip_address,
            fields=["outcome", "crisis_open"],
        )
    episode.refresh_from_db()
    return episode
