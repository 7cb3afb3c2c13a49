"""Sending follow-ups in batches: one claim, one send session, one recording statement; a
failure of one row is that row's outcome and never loses or duplicates the others."""

import smtplib
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from admissions.models import FollowUp
from admissions.services import followups
from admissions.services.followup_claim import followups_claim
from admissions.services.followup_delivery import followups_deliver
from admissions.tasks import followups_send_due
from core.inserts import insert_together
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _broker_up(monkeypatch):
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)


def _due(n: int, kind: str = FollowUp.Kind.CONFIRMATION, **fields) -> list[FollowUp]:
    rows = []
    for i in range(n):
        referral = make_referral(email=f"person{FollowUp.objects.count()}-{i}@example.com")
        rows.append(
            FollowUp.objects.create(
                referral=referral,
                kind=kind,
                channel=FollowUp.Channel.EMAIL,
                dedupe_key=f"{kind}:batch:{referral.pk}",
                scheduled_for=fields.pop("scheduled_for", timezone.now() - timedelta(minutes=1)),
                **fields,
            )
        )
    return rows


def _statuses(rows) -> dict[int, tuple[str, int]]:
    return {
        pk: (status, attempts)
        for pk, status, attempts in FollowUp.objects.filter(
            pk__in=[r.pk for r in rows]
        ).values_list("pk", "status", "attempts")
    }


def _sent_to(rows) -> list[str]:
    return sorted(message.to[0] for message in mail.outbox)


def test_a_batch_sends_every_due_row_once_and_a_second_delivery_sends_nothing():
    rows = _due(5)
    report = followups_deliver()
    assert {o.status for o in report.outcomes.values()} == {"sent"}
    assert len(mail.outbox) == 5
    assert set(_statuses(rows).values()) == {("sent", 1)}

    again = followups_deliver()  # the same wake-up delivered twice
    assert again.outcomes == {} and len(mail.outbox) == 5


def test_one_transient_failure_is_retried_with_backoff_and_the_others_go_out_once():
    rows = _due(4)
    doomed = rows[1].referral.email
    real_send = mail.backends.locmem.EmailBackend.send_messages

    def refuse_one(self, messages):
        if messages[0].to == [doomed]:
            raise smtplib.SMTPServerDisconnected("gone")
        return real_send(self, messages)

    before = timezone.now()
    with mock.patch.object(mail.backends.locmem.EmailBackend, "send_messages", refuse_one):
        report = followups_deliver()

    assert report.outcomes[rows[1].pk].status == "retry"
    assert [report.outcomes[r.pk].status for r in (rows[0], rows[2], rows[3])] == ["sent"] * 3
    assert len(mail.outbox) == 3 and doomed not in _sent_to(rows)
    retried = FollowUp.objects.get(pk=rows[1].pk)
    base = django_settings.FOLLOWUP_RETRY_BASE_SECONDS
    assert (retried.status, retried.attempts, retried.enqueued_at) == ("pending", 1, None)
    assert before + timedelta(seconds=base / 2) <= retried.scheduled_for
    assert retried.scheduled_for <= timezone.now() + timedelta(seconds=base)
    assert retried.last_error == "SMTPServerDisconnected: could not talk to the mail server"

    # Due again: only the failed row is sent, once.
    FollowUp.objects.filter(pk=retried.pk).update(scheduled_for=timezone.now())
    followups_deliver()
    assert len(mail.outbox) == 4 and _sent_to(rows).count(doomed) == 1
    assert set(_statuses(rows).values()) == {("sent", 1), ("sent", 2)}


def test_a_permanent_failure_fails_its_row_only():
    rows = _due(3)
    type(rows[0].referral).objects.filter(pk=rows[0].referral_id).update(consent_contact=False)
    report = followups_deliver()
    assert report.outcomes[rows[0].pk].status == "failed"
    assert len(mail.outbox) == 2
    assert _statuses(rows)[rows[0].pk] == ("failed", 1)


def test_an_unexpected_error_on_one_row_does_not_stop_the_batch():
    rows = _due(3)
    from admissions.services import followup_delivery

    real_build = followup_delivery.followup_message_build

    def build(*, followup, templates=None):
        if followup.pk == rows[0].pk:
            raise KeyError("template bug")
        return real_build(followup=followup, templates=templates)

    with mock.patch.object(followup_delivery, "followup_message_build", build):
        report = followups_deliver()
    assert report.outcomes[rows[0].pk].status == "retry"
    assert len(mail.outbox) == 2


def test_the_claim_is_bounded_crisis_first_and_skips_rows_another_worker_holds():
    plain = _due(3)
    crisis = _due(1, kind=FollowUp.Kind.CRISIS_ALERT, scheduled_for=timezone.now())[0]
    held = _due(1, status=FollowUp.Status.SENDING, claimed_at=timezone.now())[0]
    later = _due(1, scheduled_for=timezone.now() + timedelta(hours=1))[0]

    claimed = followups_claim(now=timezone.now(), limit=2)

    assert set(claimed) == {crisis.pk, plain[0].pk}  # crisis, then the oldest due
    assert held.pk not in claimed and later.pk not in claimed
    rest = followups_claim(now=timezone.now(), limit=10)
    assert set(rest) == {plain[1].pk, plain[2].pk}
    assert followups_claim(now=timezone.now(), limit=10) == []


def test_a_batch_uses_one_email_connection():
    _due(4)
    with mock.patch(
        "admissions.messaging.email.get_connection", wraps=mail.get_connection
    ) as connect:
        followups_deliver()
    assert connect.call_count == 1 and len(mail.outbox) == 4


def test_the_batch_is_recorded_in_one_statement():
    _due(6)
    with CaptureQueriesContext(connection) as queries:
        followups_deliver()
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    records = [sql for sql in updates if "CASE WHEN" in sql]
    assert len(records) == 1


def test_rows_not_tried_before_the_batch_deadline_are_handed_back_untouched(settings):
    settings.FOLLOWUP_SEND_BATCH_SECONDS = -1  # the deadline has passed before the first send
    rows = _due(3)
    report = followups_deliver()
    assert report.released == 3 and mail.outbox == []
    assert set(_statuses(rows).values()) == {("pending", 0)}
    followups_deliver(limit=2)
    assert mail.outbox == []  # still past the deadline, still handed back
    settings.FOLLOWUP_SEND_BATCH_SECONDS = 20
    followups_deliver()
    assert len(mail.outbox) == 3 and set(_statuses(rows).values()) == {("sent", 1)}


def test_a_sent_row_reclaimed_meanwhile_is_still_recorded_as_sent():
    row = _due(1)[0]
    from admissions.services import followup_delivery

    real_build = followup_delivery.followup_message_build

    def slow_build(*, followup, templates=None):
        # The dispatcher reclaims the row during a very slow send.
        FollowUp.objects.filter(pk=followup.pk).update(status=FollowUp.Status.PENDING)
        return real_build(followup=followup, templates=templates)

    with mock.patch.object(followup_delivery, "followup_message_build", slow_build):
        followups_deliver()
    row.refresh_from_db()
    assert row.status == "sent" and len(mail.outbox) == 1
    assert followups_deliver().outcomes == {}  # not sent again


def test_the_worker_task_wakes_itself_once_for_a_batch_of_retries(monkeypatch, settings):
    monkeypatch.setattr(followups_send_due.app.conf, "task_always_eager", False)
    _due(3)
    with (
        mock.patch.object(
            mail.backends.locmem.EmailBackend,
            "send_messages",
            side_effect=smtplib.SMTPServerDisconnected("gone"),
        ),
        mock.patch.object(followups_send_due, "apply_async") as publish,
    ):
        followups_send_due.run()
    assert publish.call_count == 1
    countdown = publish.call_args.kwargs["countdown"]
    assert countdown >= settings.FOLLOWUP_RETRY_BASE_SECONDS / 2
    assert countdown <= settings.FOLLOWUP_RETRY_BASE_SECONDS
    assert set(FollowUp.objects.values_list("status", flat=True)) == {"pending"}


def test_many_rows_woken_at_once_publish_one_wake_up_per_batch(monkeypatch, settings):
    monkeypatch.setattr(followups_send_due.app.conf, "task_always_eager", False)
    settings.FOLLOWUP_SEND_BATCH = 2
    rows = _due(5)
    with mock.patch.object(followups_send_due, "apply_async") as publish:
        woken = followups.followups_wake([r.pk for r in rows])
    assert woken == 5 and publish.call_count == 3
    assert not FollowUp.objects.filter(enqueued_at__isnull=True).exists()


def _fresh_rows(referral) -> list[FollowUp]:
    return [
        FollowUp(
            referral=referral,
            kind=FollowUp.Kind.CONFIRMATION,
            channel=FollowUp.Channel.EMAIL,
            dedupe_key=f"confirmation:fresh:{referral.pk}",
            scheduled_for=timezone.now(),
        )
    ]


def test_a_new_referrals_follow_ups_are_inserted_stamped_and_woken_without_an_update(
    monkeypatch, django_capture_on_commit_callbacks
):
    """The submit's own follow-ups: one INSERT already stamped as woken, then one publish
    after the commit and no UPDATE of the stamp."""
    monkeypatch.setattr(followups_send_due.app.conf, "task_always_eager", False)
    referral = make_referral()
    with django_capture_on_commit_callbacks() as callbacks:
        insert_together(followups.followups_fresh(_fresh_rows(referral)))
    row = FollowUp.objects.get(dedupe_key=f"confirmation:fresh:{referral.pk}")
    assert row.enqueued_at is not None

    with (
        mock.patch.object(followups_send_due, "apply_async") as publish,
        CaptureQueriesContext(connection) as queries,
    ):
        for callback in callbacks:
            callback()
    assert publish.call_count == 1
    assert not any(q["sql"].startswith("UPDATE") for q in queries.captured_queries)


def test_stamped_rows_go_back_to_the_dispatcher_when_the_broker_is_down(
    monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(followups_send_due.app.conf, "task_always_eager", False)
    referral = make_referral()
    with django_capture_on_commit_callbacks() as callbacks:
        insert_together(followups.followups_fresh(_fresh_rows(referral)))
    followups._mark_broker_down()  # between the INSERT and the commit

    with mock.patch.object(followups_send_due, "apply_async") as publish:
        for callback in callbacks:
            callback()
    assert publish.call_count == 0
    row = FollowUp.objects.get(dedupe_key=f"confirmation:fresh:{referral.pk}")
    assert row.enqueued_at is None and row.status == "pending"  # the dispatcher wakes it


def test_a_refused_publish_unstamps_the_fresh_rows(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(followups_send_due.app.conf, "task_always_eager", False)
    referral = make_referral()
    with django_capture_on_commit_callbacks() as callbacks:
        insert_together(followups.followups_fresh(_fresh_rows(referral)))

    with mock.patch.object(followups_send_due, "apply_async", side_effect=OSError("down")):
        for callback in callbacks:
            callback()
    row = FollowUp.objects.get(dedupe_key=f"confirmation:fresh:{referral.pk}")
    assert row.enqueued_at is None and row.status == "pending"
