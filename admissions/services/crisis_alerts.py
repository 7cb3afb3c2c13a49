"""Crisis alerts: the first alert to on call, and, while nobody acknowledges it, a repeat to
on call with an escalation to the admissions lead and the backup group every
``CRISIS_ACK_MINUTES``.

Every message is a FollowUp row with a dedupe key naming its episode, round and recipient,
written in the transaction that decides it, so a broker outage delays a message and never
loses or doubles one. Beat runs ``crisis_alerts_escalate``; each round is claimed with a
conditional UPDATE of the episode's ``alert_round``, so overlapping runs send one round once."""

import logging
from datetime import datetime

from django.conf import settings
from django.db import transaction

from audit.models import AuditEvent
from core import roles

from .. import clock
from ..models import CrisisEpisode, FollowUp, Referral
from ..selectors.staff import staff_ids_in_group
from .audit_trail import audit_referral
from .crisis_episodes import ack_interval, crisis_episode_open
from .followups import due_now, followups_schedule_now

logger = logging.getLogger(__name__)
Kind, Channel, Address = FollowUp.Kind, FollowUp.Channel, FollowUp.StaffAddress


def _key_base(kind: str, episode: CrisisEpisode, round_: int) -> str:
    if round_ == 0:  # the first alert's keys predate episodes: one per screening's crisis
        return f"{kind}:referral:{episode.referral_id}:screening:{episode.screening_id}"
    return f"{kind}:episode:{episode.pk}:round:{round_}"


def _rows_for(
    kind: str, episode: CrisisEpisode, round_: int, groups: tuple[str, ...], addresses
) -> list[FollowUp]:
    """One row per member of ``groups`` (each person once) and, when no member has an
    email address, one per configured ``(address, channel, setting)``."""
    base = _key_base(kind, episode, round_)
    common = {"kind": kind, "referral_id": episode.referral_id, "crisis_episode": episode}
    rows, seen = [], set()
    for group in groups:
        for user_id in staff_ids_in_group(group):
            if user_id not in seen:
                seen.add(user_id)
                rows.append(
                    due_now(
                        **common,
                        channel=Channel.EMAIL,
                        recipient_user_id=user_id,
                        alert_round=round_,
                        dedupe_key=f"{base}:user:{user_id}",
                    )
                )
    for address, channel, configured in addresses:
        if configured and (kind == Kind.CRISIS_ALERT or not seen):
            suffix = address if channel == Channel.EMAIL else f"{address}-sms"
            rows.append(
                due_now(
                    **common,
                    channel=channel,
                    staff_address=address,
                    alert_round=round_,
                    dedupe_key=f"{base}:{suffix}",
                )
            )
    return rows


def _oncall_rows(episode: CrisisEpisode, round_: int) -> list[FollowUp]:
    addresses = (
        (Address.ONCALL, Channel.EMAIL, settings.ONCALL_EMAIL),
        (Address.ONCALL, Channel.SMS, settings.ONCALL_SMS),
    )
    return _rows_for(Kind.CRISIS_ALERT, episode, round_, (roles.ON_CALL,), addresses)


def _escalation_rows(episode: CrisisEpisode, round_: int) -> list[FollowUp]:
    rows = []
    for group, address, configured in (
        (roles.ADMISSIONS_LEAD, Address.LEAD, settings.ADMISSIONS_LEAD_EMAIL),
        (roles.CRISIS_BACKUP, Address.BACKUP, settings.CRISIS_BACKUP_EMAIL),
    ):
        rows += _rows_for(
            Kind.CRISIS_ESCALATION,
            episode,
            round_,
            (group,),
            ((address, Channel.EMAIL, configured),),
        )
    # Someone in both groups hears once.
    unique = {row.recipient_user_id or row.dedupe_key: row for row in rows}
    return list(unique.values())


def followups_for_crisis(*, referral: Referral) -> None:
    """Open the episode of the referral's latest screening (if new) and alert on call at
    once: every on-call clinician, the on-call address and text line. Once per screening
    that showed a crisis, so a person who screens in crisis again is alerted on again."""
    episode = crisis_episode_open(referral=referral, screening=referral.latest_screening)
    rows = _oncall_rows(episode, 0)
    if not rows:
        logger.error(
            "crisis referral %s: nobody to alert (set ONCALL_EMAIL or add On call members)",
            referral.pk,
        )
    followups_schedule_now(rows)


def unacknowledged_due(*, now: datetime):
    """Open episodes nobody acknowledged whose next repeat is due."""
    return CrisisEpisode.objects.filter(
        acknowledged_at__isnull=True, closed_at__isnull=True, next_alert_at__lte=now
    ).order_by("next_alert_at", "pk")


def crisis_episode_escalate(*, episode_id: int, now: datetime) -> bool:
    """Send the next round for one episode if it is still unacknowledged and due."""
    with transaction.atomic():
        current = unacknowledged_due(now=now).filter(pk=episode_id)
        round_ = current.values_list("alert_round", flat=True).first()
        if round_ is None:
            return False
        claimed = current.filter(alert_round=round_).update(
            alert_round=round_ + 1, next_alert_at=now + ack_interval()
        )
        if not claimed:
            return False
        episode = CrisisEpisode.objects.get(pk=episode_id)
        followups_schedule_now(_oncall_rows(episode, episode.alert_round))
        followups_schedule_now(_escalation_rows(episode, episode.alert_round))
        audit_referral(
            episode.referral_id,
            action=AuditEvent.Action.CHANGE,
            fields=["alert_round"],
            detail=f"crisis episode {episode.pk}: not acknowledged; alert repeated and "
            f"escalated (round {episode.alert_round})",
        )
    return True


def crisis_alerts_escalate(*, now: datetime | None = None, batch_size: int = 50) -> int:
    """One beat round: repeat and escalate every unacknowledged alert that is due."""
    now = now or clock.now()
    ids = list(unacknowledged_due(now=now).values_list("pk", flat=True)[:batch_size])
    sent = sum(crisis_episode_escalate(episode_id=pk, now=now) for pk in ids)
    if sent:
        logger.warning("crisis alerts: %s unacknowledged alert(s) repeated and escalated", sent)
    return sent
