"""A/B timing of the follow-up batching fix, in-process: the screener's final submit with
follow-ups scheduled one by one (``followup_schedule`` per row, one wake-up and one commit
each, as before the fix) against the batched ``followups_schedule_now``, interleaved rounds.

    .venv/bin/python bench/ab_followups.py [--rounds 3] [--count 40]

Uses the profiling database and Redis DB of ``bench/profile.py``."""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def one_by_one_new_referral(*, referral) -> None:
    """The code before the fix, verbatim in effect."""
    from admissions.models import FollowUp
    from admissions.selectors.staff import staff_in_group
    from admissions.services.followups import (
        applicant_channel,
        followup_schedule,
    )
    from core import roles

    channel = applicant_channel(referral)
    if channel:
        followup_schedule(
            kind=FollowUp.Kind.CONFIRMATION,
            channel=channel,
            referral=referral,
            dedupe_key=f"confirmation:referral:{referral.pk}",
        )
    for user in staff_in_group(roles.ADMISSIONS):
        followup_schedule(
            kind=FollowUp.Kind.NEW_REFERRAL_ALERT,
            channel=FollowUp.Channel.EMAIL,
            referral=referral,
            recipient_user=user,
            dedupe_key=f"new_referral_alert:referral:{referral.pk}:user:{user.pk}",
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", type=int, default=40)
    args = parser.parse_args()
    from bench.profile import setup_django

    setup_django()
    import redis
    from django.test import Client
    from django.urls import reverse

    from admissions.services import intake
    from bench.bench_submit import CSRF, prepare_drafts

    review = reverse("applicant:step", kwargs={"step": "review"})
    done = reverse("applicant:step", kwargs={"step": "done"})
    batched = intake.followups_for_new_referral

    def submit_all(cookies) -> float:
        clients = []
        for cookie in cookies:
            client = Client(enforce_csrf_checks=True)
            for part in cookie.split("; "):
                name, value = part.split("=", 1)
                client.cookies[name] = value
            clients.append(client)
        start = time.perf_counter()
        for client in clients:
            client.post(review, {"csrfmiddlewaretoken": CSRF, "screener-current_step": "review"})
            assert "result" in client.get(done)["Location"]
        return (time.perf_counter() - start) / len(clients)

    results = {"one by one (before)": [], "batched (after)": []}
    submit_all(prepare_drafts(10, seed=1))  # warm-up
    for r in range(args.rounds):
        for label, fn in (
            ("one by one (before)", one_by_one_new_referral),
            ("batched (after)", batched),
        ):
            intake.followups_for_new_referral = fn
            results[label].append(submit_all(prepare_drafts(args.count, seed=r * 10 + len(label))))
    intake.followups_for_new_referral = batched
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    for label, times in results.items():
        print(
            f"{label}: median {statistics.median(times) * 1000:.1f} ms per submit "
            f"(rounds: {', '.join(f'{t * 1000:.1f}' for t in times)})"
        )


if __name__ == "__main__":
    main()
