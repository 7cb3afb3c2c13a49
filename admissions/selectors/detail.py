"""One referral, with everything its review page shows, in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from screening.models import Recommendation, Screening
from screening.scoring import DOMAINS, is_asked
from screening.scoring.questions import GROUPS, answer_label

from ..models import (
    ContactAttempt,
    FollowUp,
    Note,
    Override,
    Referral,
    ReferralScreening,
    StatusChange,
)
from .crisis import crisis_prefetches

# Staff-facing headings for the screener's question groups, and the instrument each scores.
GROUP_HEADINGS = {
    "about": ("About", None),
    "mood": ("PHQ-9 — depression", "phq9"),
    "anxiety": ("GAD-7 — anxiety", "gad7"),
    "safety": ("Safety — ASQ and harm to others", "asq"),
    "trauma": ("PC-PTSD-5 — trauma", "pcptsd5"),
    "substance": ("AUDIT-C, drug use and physical health", "auditc"),
    "functioning": ("Functioning", None),
    "history": ("Treatment history", None),
    "support": ("Home and support", None),
    "availability": ("Availability", None),
    "goals": ("Goals", None),
}
DOMAIN_LABELS = {
    "safety": "Safety",
    "symptoms": "Symptoms",
    "functioning": "Functioning",
    "substance": "Substance use",
    "support": "Support",
    "history": "History",
    "engagement": "Engagement",
}


def referral_detail_queryset() -> QuerySet:
    """Referrals with everything the review page lists, prefetched."""
    return Referral.objects.select_related(
        "assigned_to", "latest_screening", "partner"
    ).prefetch_related(
        Prefetch(
            "screening_links",
            queryset=ReferralScreening.objects.select_related(
                "screening", "screening__recommendation"
            ).order_by("-screening__submitted_at", "-screening__id"),
        ),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("changed_by")),
        Prefetch("notes", queryset=Note.objects.select_related("author")),
        Prefetch("contact_attempts", queryset=ContactAttempt.objects.select_related("staff")),
        Prefetch(
            "overrides",
            queryset=Override.objects.select_related("clinician", "recommendation").order_by(
                "-created_at", "-id"
            ),
        ),
        Prefetch(
            "followups",
            queryset=FollowUp.objects.select_related("recipient_user").order_by(
                "scheduled_for", "id"
            ),
        ),
        *crisis_prefetches(),
    )


def instrument_summary(key: str, data: dict | None) -> str:
    """An instrument's score and band in words, e.g. "total 17, moderately severe"."""
    if not data:
        return ""
    if key == "asq":
        return str(data.get("result", "")).replace("_", " ")
    if key == "pcptsd5":
        verdict = "positive" if data.get("positive") else "negative"
        return f"score {data.get('score')} of 5, {verdict}"
    band = str(data.get("band", "")).replace("_", " ")
    return f"total {data.get('total')}, {band}"


@dataclass(frozen=True)
class AnswerRow:
    code: str
    label: str
    question: str
    answer: str
    asked: bool


@dataclass(frozen=True)
class AnswerGroup:
    key: str
    heading: str
    instrument: str
    rows: list[AnswerRow]


@dataclass(frozen=True)
class DomainRow:
    key: str
    label: str
    rating: int
    reason: str


@dataclass(frozen=True)
class ScreeningReview:
    screening: Screening
    recommendation: Recommendation | None
    groups: list[AnswerGroup]
    domains: list[DomainRow]
    level_reason: str


def _answer_groups(answers: dict, instruments: dict) -> list[AnswerGroup]:
    groups = []
    for group in GROUPS:
        heading, instrument_key = GROUP_HEADINGS.get(group.key, (group.title, None))
        rows = []
        for question in group.questions:
            asked = is_asked(question.code, answers)
            answered = asked and question.code in answers
            if answered:
                answer = answer_label(question.code, answers[question.code])
            else:
                answer = "No answer" if asked else "Not asked"
            rows.append(
                AnswerRow(
                    code=question.code,
                    label=question.short,
                    question=question.text,
                    answer=answer,
                    asked=answered,
                )
            )
        groups.append(
            AnswerGroup(
                key=group.key,
                heading=heading,
                instrument=instrument_summary(instrument_key, instruments.get(instrument_key))
                if instrument_key
                else "",
                rows=rows,
            )
        )
    return groups


def _domain_rows(recommendation: Recommendation) -> tuple[list[DomainRow], str]:
    by_domain = {}
    level_reason = ""
    for reason in recommendation.reasons:
        head = reason.split(" ", 1)[0]
        # "symptoms 4: PHQ-9 total 17, ..." -> the page already shows domain and rating
        text = reason.split(": ", 1)[1] if ": " in reason else reason
        if head in DOMAINS:
            by_domain[head] = text
        elif head == "level":
            level_reason = text
    rows = [
        DomainRow(
            key=domain,
            label=DOMAIN_LABELS.get(domain, domain),
            rating=int(recommendation.domains.get(domain, 0)),
            reason=by_domain.get(domain, ""),
        )
        for domain in DOMAINS
        if domain in recommendation.domains
    ]
    return rows, level_reason


def screening_review(screening: Screening) -> ScreeningReview:
    """A screening laid out for staff: answers grouped by instrument with the item wording,
    instrument scores, domain ratings with their reasons, and the level's reason."""
    recommendation = getattr(screening, "recommendation", None)
    instruments = recommendation.instruments if recommendation else {}
    domains, level_reason = _domain_rows(recommendation) if recommendation else ([], "")
    return ScreeningReview(
        screening=screening,
        recommendation=recommendation,
        groups=_answer_groups(screening.answers or {}, instruments),
        domains=domains,
        level_reason=level_reason,
    )


def referral_screening_reviews(referral: Referral) -> list[ScreeningReview]:
    """Every screening of this person, newest first (uses the prefetched links)."""
    return [screening_review(link.screening) for link in referral.screening_links.all()]
