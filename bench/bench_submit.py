"""Screener submission: the final submit of the public screener, served by gunicorn (2 sync
workers) on PostgreSQL holding the 100,000 seeded referrals (intake looks each applicant up
among them), under 16 concurrent clients from the load process, against the
baseline view (`/bench/baseline/`: validate a three-field form, insert one row) on the same
server, measured just before and just after (their mean is the floor).

The measured action is the real one, as a browser sends it when the person presses "Send":
``POST /screen/step/review/``, which checks the draft's answers, scores them, stores the
recommendation, closes the screening, opens the referral (status change, link, audit row),
writes the confirmation and staff-alert follow-ups and wakes them with one publish to Redis
after commit, and answers with a redirect to ``/screen/result/``. That request is the submit;
the result page the browser loads next is timed apart and reported in the notes. Afterwards
every prepared screening must be submitted with its own referral.

Preparation (not measured): complete drafts for made-up applicants (unique contact details,
answers from the random valid generator; no crisis answers, which take the crisis path at the
safety step instead) and one session per draft holding only the draft's id, as a person
returning on another device has. The wizard rebuilds its pages from the draft during the POST
(a few dictionary operations), so the figure errs, slightly, on the slow side.
"""

import random
import urllib.parse
from datetime import date, timedelta

from bench.harness import Context, Figure, Gunicorn, loadgen, median, ms, percentile

AREA = "Screener submission"
TARGET = "≥ 0.5× baseline throughput; p95 ≤ 150 ms"
CLIENTS = 16
PER_CLIENT = 80
WARMUP_PER_CLIENT = 8
CSRF = "BenchCsrfSecret0123456789abcdefX"  # 32 characters: a valid CSRF secret and token


def check_available() -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("applicant:step", kwargs={"step": "review"})
        reverse("applicant:result")
    except NoReverseMatch as exc:
        from bench.run_all import MissingFeature

        raise MissingFeature("the screener's review step is not in the project yet") from exc


def prepare_drafts(count: int, seed: int = 99) -> list[str]:
    """Complete drafts and a session for each; returns the session keys."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from admissions.management.sample_data import applicant, random_answers
    from applicant.session import SESSION_KEY
    from screening.answers import age_on, crisis_indicated
    from screening.models import Screening

    rng = random.Random(seed)
    base = random.SystemRandom().randrange(10**9)  # contact details unique to this run
    today = timezone.localdate()
    drafts, sessions = [], []
    store = SessionStore()
    expires = timezone.now() + timedelta(days=1)
    while len(drafts) < count:
        answers = random_answers(rng)
        if crisis_indicated(answers) or answers["age"] < 18:
            continue
        n = base + len(drafts)
        person = applicant(rng, n)
        person.update(
            email=f"applicant{n}@example.org",
            phone=f"({200 + n // 10**7 % 800}) {n // 10**4 % 1000:03d}-{n % 10**4:04d}",
            consent_contact=True,
        )
        born = date(today.year - answers["age"] - 1, rng.randint(1, 12), rng.randint(1, 28))
        answers["age"] = age_on(born, today)
        drafts.append(
            Screening(
                status=Screening.Status.DRAFT,
                current_step="review",
                date_of_birth=born,
                consent_terms=True,
                answers=answers,
                insurance_member_id="",
                **person,
            )
        )
    Screening.objects.bulk_create(drafts, batch_size=1000)
    keys = []
    chars = "abcdefghijklmnopqrstuvwxyz0123456789"
    for draft in drafts:
        key = get_random_string(32, chars)
        data = store.encode({SESSION_KEY: str(draft.public_id), "_session_expiry": 86400})
        sessions.append(Session(session_key=key, session_data=data, expire_date=expires))
        keys.append(key)
    Session.objects.bulk_create(sessions, batch_size=1000)
    return [f"{settings.SESSION_COOKIE_NAME}={key}; csrftoken={CSRF}" for key in keys]


def _plan(port: int, per_client: list[list[dict]]) -> dict:
    return {"host": "127.0.0.1", "port": port, "clients": [{"requests": r} for r in per_client]}


def _baseline_plan(port: int, per_client: int, tag: str) -> dict:
    clients = []
    for c in range(CLIENTS):
        reqs = []
        for i in range(per_client):
            body = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": CSRF,
                    "name": f"Client {c} request {i}",
                    "email": f"c{c}.r{i}.{tag}@example.org",
                    "message": "A short message of a realistic length.",
                }
            )
            reqs.append(
                {
                    "name": "baseline",
                    "method": "POST",
                    "path": "/bench/baseline/",
                    "body": body,
                    "headers": {"Cookie": f"csrftoken={CSRF}"},
                    "expect": [201],
                }
            )
        clients.append(reqs)
    return _plan(port, clients)


def _submit_plan(port: int, cookies: list[str]) -> dict:
    """Per prepared session: the review page's POST, which validates, scores and opens the
    referral, and answers with the redirect to the result page. That one request is the
    submit; the result page the browser then loads is timed apart ("GET result")."""
    from django.urls import reverse

    review = reverse("applicant:step", kwargs={"step": "review"})
    result = reverse("applicant:result")
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": CSRF, "screener-current_step": "review"})
    clients: list[list[dict]] = [[] for _ in range(CLIENTS)]
    for i, cookie in enumerate(cookies):
        clients[i % CLIENTS] += [
            {
                "name": "submit",
                "method": "POST",
                "path": review,
                "body": body,
                "headers": {"Cookie": cookie},
                "expect": [302],
                "expect_location": result,
            },
        ]
    return _plan(port, clients)


def _result_plan(port: int, cookies: list[str]) -> dict:
    """The result page each submitted session is sent to, as the browser loads it next."""
    from django.urls import reverse

    result = reverse("applicant:result")
    clients: list[list[dict]] = [[] for _ in range(CLIENTS)]
    for i, cookie in enumerate(cookies):
        clients[i % CLIENTS].append(
            {"name": "GET result", "path": result, "headers": {"Cookie": cookie}, "expect": [200]}
        )
    return _plan(port, clients)


def _stats(result: dict, name: str) -> tuple[float, list[float], int, list]:
    entry = result["by_name"][name]
    count = len(entry["latencies"])
    return count / result["wall_seconds"], entry["latencies"], entry["error_count"], entry["errors"]


def run(ctx: Context, server: Gunicorn) -> list[Figure]:
    from admissions.models import FollowUp, Referral
    from screening.models import Screening

    port = server.port
    warm = prepare_drafts(CLIENTS * WARMUP_PER_CLIENT, seed=98)
    cookies = prepare_drafts(CLIENTS * PER_CLIENT, seed=99)
    loadgen(_submit_plan(port, warm), "submit-warm")
    loadgen(_baseline_plan(port, WARMUP_PER_CLIENT, "warm"), "baseline-warm")

    before = loadgen(_baseline_plan(port, PER_CLIENT, "before"), "baseline-before")
    submitted_before = Screening.objects.filter(status="submitted").count()
    referrals_before = Referral.objects.count()
    followups_before = FollowUp.objects.count()
    submit = loadgen(_submit_plan(port, cookies), "submit")
    after = loadgen(_baseline_plan(port, PER_CLIENT, "after"), "baseline-after")
    shown = loadgen(_result_plan(port, cookies), "result")

    rate_b1, lat_b1, err_b1, _ = _stats(before, "baseline")
    rate_b2, lat_b2, err_b2, _ = _stats(after, "baseline")
    rate, lat, errors, error_kinds = _stats(submit, "submit")
    result_p95 = percentile(shown["by_name"]["GET result"]["latencies"], 95)
    baseline = (rate_b1 + rate_b2) / 2
    submitted = Screening.objects.filter(status="submitted").count() - submitted_before
    referrals = Referral.objects.count() - referrals_before
    followups = FollowUp.objects.count() - followups_before
    p50, p95 = median(lat), percentile(lat, 95)
    base_p95 = percentile(lat_b1 + lat_b2, 95)
    ratio = rate / baseline
    complete = errors == 0 and submitted == len(cookies) == referrals
    ctx.data["submit"] = {"rate": rate, "baseline": baseline, "p95": p95}
    detail = (
        f"{len(cookies):,} submits by {CLIENTS} clients; {submitted:,} screenings submitted, "
        f"{referrals:,} referrals and {followups:,} follow-ups written"
    )
    if errors:
        detail += f"; errors: {error_kinds}"
    return [
        Figure(
            AREA,
            "final submit throughput vs baseline view (validate small form, insert one row)",
            "≥ 0.5×",
            f"{rate:,.0f} / s vs {baseline:,.0f} / s → {ratio:.2f}×",
            ratio >= 0.5 and complete,
            f"baseline {rate_b1:,.0f} / s before and {rate_b2:,.0f} / s after; "
            f"baseline errors {err_b1 + err_b2}; {detail}",
        ),
        Figure(
            AREA,
            f"final submit latency, {CLIENTS} concurrent clients",
            "p95 ≤ 150 ms",
            f"p50 {ms(p50)}, p95 {ms(p95)}",
            p95 <= 0.150 and complete,
            f"baseline view p95 {ms(base_p95)} under the same load; the result page the browser "
            f"loads next, timed apart with the same {CLIENTS} clients: p95 {ms(result_p95)}",
        ),
    ]
