"""Admissions: the referral a screening opens, its pipeline, the people working it, and the
messages (follow-ups) the clinic owes the applicant and its own staff."""

from django.conf import settings
from django.db import models

from audit.append_only import AppendOnlyModel
from core.text_limits import text_length_constraints
from screening.choices import (
    BestTime,
    ContactMethod,
    Level,
    ReferralSource,
    SiteLanguage,
    Urgency,
)

from . import pipeline
from .level_in_effect import level_in_effect
from .queue_order import queue_order


class InsuranceStatus(models.TextChoices):
    """Where checking the person's coverage stands (``InsuranceVerification.status``, kept on
    the referral too for the queue filter and the dashboard)."""

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    IN_NETWORK = "in_network", "Verified, in network"
    OUT_OF_NETWORK = "out_of_network", "Verified, out of network"
    SELF_PAY = "self_pay", "Self-pay"
    NO_COVERAGE = "no_coverage", "No coverage"


AWAITING_VERIFICATION = (InsuranceStatus.NOT_STARTED, InsuranceStatus.IN_PROGRESS)
"""The statuses the queue's "awaiting verification" filter shows (open referrals only)."""


class Referral(models.Model):
    class Status(models.TextChoices):
        """The pipeline's statuses (``admissions.pipeline`` holds the moves and which are open)."""

        NEW = pipeline.NEW, "New"
        CONTACTING = pipeline.CONTACTING, "Contacting"
        ASSESSMENT_SCHEDULED = pipeline.ASSESSMENT_SCHEDULED, "Assessment scheduled"
        ADMITTED = pipeline.ADMITTED, "Admitted"
        REFERRED_OUT = pipeline.REFERRED_OUT, "Referred out"
        DECLINED = pipeline.DECLINED, "Declined"
        NO_RESPONSE = pipeline.NO_RESPONSE, "No response"
        CLOSED = pipeline.CLOSED, "Closed"
        MERGED = pipeline.MERGED, "Merged"

    # The person, as of their latest screening.
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    email_key = models.CharField(max_length=254, blank=True, db_index=True)  # lower-cased
    phone_key = models.CharField(max_length=20, blank=True, db_index=True)  # digits only
    preferred_contact = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    language = models.CharField(max_length=20, default="en")
    # The language the person used the site in: every message to them is written in it.
    site_language = models.CharField(
        max_length=8, choices=SiteLanguage.choices, default=SiteLanguage.ENGLISH
    )
    state = models.CharField(max_length=2, blank=True)
    zip_code = models.CharField(max_length=10, blank=True)
    insurance_carrier = models.CharField(max_length=100, blank=True)
    consent_contact = models.BooleanField(default=False)
    consent_sms = models.BooleanField(default=False)

    # Where the referral came from: what the person answered (or staff set), the partner
    # whose link they used, and the provider who referred them (staff record it).
    source = models.CharField(max_length=20, choices=ReferralSource.choices, blank=True)
    partner = models.ForeignKey(
        "screening.ReferralPartner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    referring_provider_name = models.CharField(max_length=100, blank=True)
    referring_provider_organisation = models.CharField(max_length=200, blank=True)
    referring_provider_phone = models.CharField(max_length=32, blank=True)
    referring_provider_email = models.EmailField(blank=True)
    # Denormalised from the insurance verification (admissions.services.insurance).
    insurance_status = models.CharField(
        max_length=16, choices=InsuranceStatus.choices, default=InsuranceStatus.NOT_STARTED
    )

    screenings = models.ManyToManyField(
        "screening.Screening", through="ReferralScreening", related_name="+"
    )
    latest_screening = models.ForeignKey(
        "screening.Screening", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Denormalised from the latest recommendation and override, for the queue.
    level = models.CharField(max_length=12, choices=Level.choices, blank=True)
    override_level = models.CharField(max_length=12, choices=Level.choices, blank=True)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    crisis = models.BooleanField(default=False)
    # A crisis episode still waiting for its outcome: the referral heads the queue and every
    # staff page carries the crisis banner until staff record how it ended (crisis stays).
    crisis_open = models.BooleanField(default=False)
    flags = models.JSONField(default=list, blank=True)
    # " flag_a flag_b " — lets the queue filter on a flag with a plain LIKE on any database.
    flags_text = models.CharField(max_length=400, blank=True, default="")

    status = models.CharField(max_length=24, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_referrals",
    )

    # First-contact deadline (spec section 5). Only reaching the person meets it; the first
    # attempt is kept as well, so both "time to first attempt" and "time to reach" exist.
    due_at = models.DateTimeField(db_index=True)
    first_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reached_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deadline_met = models.BooleanField(null=True, blank=True)  # set when first reached
    # The latest attempt, for the queue and the export without reading every attempt.
    attempt_count = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.CharField(max_length=20, blank=True)
    # Who to call next: the callback agreed or chosen, and the soonest of the callback, the
    # assessment and a held seat's expiry (kept by admissions.services.next_action).
    callback_at = models.DateTimeField(null=True, blank=True, db_index=True)
    next_action_at = models.DateTimeField(null=True, blank=True, db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    # Set when the last no-response follow-up went out and still nobody was reached: staff
    # are asked to consider ``no_response``; nothing closes the referral by itself.
    no_response_proposed_at = models.DateTimeField(null=True, blank=True)
    # The brief suicide safety assessment a positive safety screen calls for (flag
    # ``safety_assessment``), due by the first-contact deadline; set when a clinician records it.
    safety_assessed_at = models.DateTimeField(null=True, blank=True)
    safety_assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Another open referral may be the same person (an open SamePersonFlag names this one):
    # kept by admissions.services.same_person so the queue shows the badge with no query.
    possible_same_person = models.BooleanField(default=False)
    # Set with status ``merged``: the referral staff merged this one into.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Indexed: the queue's version (has anything changed?) is its newest value, one index read.
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-crisis", "due_at"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            # Name with date of birth is one of the same-person matches (services.same_person).
            models.Index(fields=["date_of_birth"], name="referral_date_of_birth"),
            # The dashboard reads every figure for referrals opened in a date range: a
            # covering index, so PostgreSQL answers from the index alone (index-only scan).
            models.Index(
                fields=["created_at"],
                include=[
                    "id",
                    "urgency",
                    "status",
                    "source",
                    "insurance_status",
                    "level",
                    "override_level",
                    "due_at",
                    "first_attempt_at",
                    "reached_at",
                ],
                name="referral_dashboard_range",
            ),
            models.Index(fields=["-crisis", "due_at", "id"], name="referral_queue_order"),
            # The queue's own sort (selectors/queue.py), so a page, however deep, reads
            # the index in order instead of sorting every referral.
            models.Index(*queue_order(), name="referral_queue_rank"),
            # The queue's default view: open referrals, crisis first, then by deadline.
            models.Index(
                fields=["-crisis", "due_at", "id"],
                name="referral_open_queue_order",
                condition=models.Q(status__in=list(pipeline.OPEN)),
            ),
            models.Index(
                fields=["assigned_to", "-crisis", "due_at"], name="referral_assignee_queue"
            ),
            # The queue's triage filters, each its own index so PostgreSQL can combine any
            # of them (a bitmap AND) when it counts a filtered queue in one pass.
            models.Index(fields=["urgency"], name="referral_urgency"),
            models.Index(level_in_effect(), name="referral_level_in_effect"),
            # One status at a time (the status chips), in queue order.
            models.Index(
                fields=["status", "-crisis", "due_at", "id"], name="referral_status_queue"
            ),
            # Overdue = open, never reached, past due: a small index the count can use alone.
            models.Index(
                fields=["due_at"],
                name="referral_awaiting_reach",
                condition=models.Q(
                    status__in=list(pipeline.OPEN),
                    reached_at__isnull=True,
                ),
            ),
        ]
        permissions = [
            ("work_referral", "Can work referrals: contact, assign, notes, status"),
            ("override_level", "Can override the recommended level of care"),
            ("export_referrals", "Can export the referral queue as CSV"),
            (
                "respond_crisis",
                "Can acknowledge crisis alerts and record crisis outcomes and safety assessments",
            ),
            ("view_dashboard", "Can see the intake metrics dashboard"),
            ("verify_insurance", "Can see and verify a referral's insurance"),
            (
                "merge_referral",
                "Can merge two referrals of the same person, or dismiss that possibility",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=pipeline.MERGED, merged_into__isnull=False)
                | (~models.Q(status=pipeline.MERGED) & models.Q(merged_into__isnull=True)),
                name="referral_merged_has_survivor",
            ),
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")),
                name="referral_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def effective_level(self) -> str:
        return self.override_level or self.level

    @property
    def is_open(self) -> bool:
        return self.status not in pipeline.TERMINAL

    @property
    def time_to_first_attempt(self):
        return self.first_attempt_at - self.created_at if self.first_attempt_at else None

    @property
    def time_to_reach(self):
        return self.reached_at - self.created_at if self.reached_at else None


class SamePersonFlag(models.Model):
    """Two referrals that may be the same person: opened when a new referral's email, phone,
    or name with date of birth matches another open referral. Only staff decide: they merge
    the two (``merged``) or say they are different people (``dismissed``). ``moved``: the
    later referral was merged into a third and this flag was carried over to the survivor.
    See docs/same-person.md."""

    class Status(models.TextChoices):
        OPEN = "open", "Possible same person"
        MERGED = "merged", "Merged"
        DISMISSED = "dismissed", "Not the same person"
        MOVED = "moved", "Moved to the surviving referral"

    class Match(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone"
        NAME_DOB = "name_dob", "Name and date of birth"

    # The referral opened first (it survives a merge) and the one opened after it.
    earlier = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="+")
    later = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="+")
    matches = models.JSONField(default=list)  # Match values: what the two have in common
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["earlier"],
                name="same_person_open_earlier",
                condition=models.Q(status="open"),
            ),
            models.Index(
                fields=["later"], name="same_person_open_later", condition=models.Q(status="open")
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["earlier", "later"], name="one_flag_per_referral_pair"),
            models.CheckConstraint(
                condition=~models.Q(earlier=models.F("later")), name="same_person_two_referrals"
            ),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(decided_at__isnull=False),
                name="same_person_decided_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Referrals {self.earlier_id} and {self.later_id}: {self.status}"

    def other(self, referral_id: int) -> int:
        return self.later_id if referral_id == self.earlier_id else self.earlier_id


class ReferralScreening(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="screening_links")
    screening = models.OneToOneField(
        "screening.Screening", on_delete=models.PROTECT, related_name="referral_link"
    )
    attached_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Screening {self.screening_id} of referral {self.referral_id}"


class StatusChange(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=24, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Referral.Status.choices)
    reason = models.TextField(blank=True, max_length=2000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = text_length_constraints("statuschange", reason=2000)

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class Note(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = text_length_constraints("note", body=5000)

    def __str__(self) -> str:
        return f"Note {self.pk} on referral {self.referral_id}"


class ContactAttempt(models.Model):
    class Channel(models.TextChoices):
        PHONE = "phone", "Phone"
        SMS = "sms", "Text message"
        EMAIL = "email", "Email"

    class Outcome(models.TextChoices):
        REACHED = "reached", "Reached"
        NO_ANSWER = "no_answer", "No answer"
        VOICEMAIL = "voicemail", "Voicemail left"
        WRONG_NUMBER = "wrong_number", "Wrong number"
        DECLINED = "declined", "Declined to talk"
        TEXT_SENT = "text_sent", "Text sent"
        EMAIL_SENT = "email_sent", "Email sent"

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="contact_attempts"
    )
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.TextField(blank=True, max_length=2000)
    callback_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = text_length_constraints("contactattempt", note=2000)

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.get_outcome_display()}"

    @property
    def reached(self) -> bool:
        return self.outcome == self.Outcome.REACHED


class Override(models.Model):
    """A clinician's level-of-care decision. Never edited or deleted; a later override
    supersedes an earlier one. The recommendation it overrides is left untouched."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="overrides")
    recommendation = models.ForeignKey(
        "screening.Recommendation", on_delete=models.PROTECT, related_name="overrides"
    )
    level = models.CharField(max_length=12, choices=Level.choices)
    reason = models.TextField(max_length=4000)
    note = models.TextField(blank=True, max_length=2000)
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    # The second clinician, when the override lowered a crisis referral below inpatient
    # (two-person rule): the override took effect when they co-signed, at ``created_at``.
    cosigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            *text_length_constraints("override", reason=4000, note=2000),
            models.CheckConstraint(
                condition=~models.Q(cosigned_by=models.F("clinician")),
                name="override_cosigned_by_another_clinician",
            ),
        ]

    def __str__(self) -> str:
        return f"Override to {self.get_level_display()}"


class OverrideRequest(models.Model):
    """A clinician's lowering of a crisis referral below inpatient, waiting for a second
    clinician. Until it is co-signed the level in effect is unchanged; co-signing writes the
    Override (with both clinicians), declining or withdrawing writes none."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for co-sign"
        COSIGNED = "cosigned", "Co-signed"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="override_requests"
    )
    recommendation = models.ForeignKey(
        "screening.Recommendation", on_delete=models.PROTECT, related_name="+"
    )
    level = models.CharField(max_length=12, choices=Level.choices)
    reason = models.TextField(max_length=4000)
    note = models.TextField(blank=True, max_length=2000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True, max_length=2000)
    override = models.OneToOneField(
        Override, null=True, blank=True, on_delete=models.PROTECT, related_name="request"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(status="pending"),
                name="one_pending_override_request_per_referral",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(decided_at__isnull=False),
                name="override_request_decided_has_time",
            ),
            *text_length_constraints("overriderequest", reason=4000, note=2000, decision_note=2000),
        ]

    def __str__(self) -> str:
        return f"Lower to {self.get_level_display()} ({self.status})"


class CrisisEpisode(models.Model):
    """One crisis moment of one screening, from the first alert to the outcome staff record.

    The alert repeats (to on call) and escalates (to the admissions lead and the backup group)
    every ``CRISIS_ACK_MINUTES`` until a clinician acknowledges it in the portal. The episode
    is closed only by recording its outcome; until then the referral heads the queue."""

    class Outcome(models.TextChoices):
        SAFETY_PLAN = "safety_plan", "Reached, and a safety plan made"
        EMERGENCY_SERVICES = "emergency_services", "Emergency services contacted"
        EMERGENCY_DEPARTMENT = "emergency_department", "Sent to an emergency department"
        UNREACHABLE = "unreachable", "Unable to reach after repeated attempts"
        OTHER = "other", "Other (see note)"

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="crisis_episodes")
    screening = models.OneToOneField(
        "screening.Screening", on_delete=models.PROTECT, related_name="crisis_episode"
    )
    opened_at = models.DateTimeField()
    # 0 while only the first alert went out; n after the n-th repeat and escalation.
    alert_round = models.PositiveSmallIntegerField(default=0)
    # When the next repeat is due if nobody has acknowledged; None once acknowledged.
    next_alert_at = models.DateTimeField(null=True, blank=True, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(blank=True, max_length=4000)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(
                fields=["opened_at"],
                name="crisis_episode_open",
                condition=models.Q(closed_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True, outcome="")
                | (models.Q(closed_at__isnull=False) & ~models.Q(outcome="")),
                name="crisis_episode_closed_with_outcome",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="other") | ~models.Q(outcome_note=""),
                name="crisis_episode_other_has_note",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_at__isnull=True)
                | models.Q(acknowledged_at__isnull=False),
                name="crisis_episode_closed_was_acknowledged",
            ),
            *text_length_constraints("crisisepisode", outcome_note=4000),
        ]

    def __str__(self) -> str:
        return f"Crisis episode {self.pk} of referral {self.referral_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None


class DeadlinePolicy(models.Model):
    """First-contact deadline per urgency; administrators may change the defaults."""

    urgency = models.CharField(max_length=10, choices=Urgency.choices, unique=True)
    hours = models.PositiveIntegerField()

    class Meta:
        verbose_name_plural = "deadline policies"
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gte=1), name="deadline_hours_positive")
        ]

    def __str__(self) -> str:
        return f"{self.get_urgency_display()}: {self.hours} h"


class FollowUp(models.Model):
    """One message the clinic owes someone. This row, not the broker, is the source of truth:
    a task only wakes the sender, which claims the row with a conditional update."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Confirmation to applicant"
        RESUME_LINK = "resume_link", "Resume link to applicant"
        NO_RESPONSE_1 = "no_response_1", "First no-response follow-up"
        NO_RESPONSE_2 = "no_response_2", "Second no-response follow-up"
        NO_RESPONSE_3 = "no_response_3", "Third no-response follow-up"
        NEW_REFERRAL_ALERT = "new_referral_alert", "New-referral alert to staff"
        CRISIS_ALERT = "crisis_alert", "Crisis alert to staff"
        CRISIS_ESCALATION = "crisis_escalation", "Unacknowledged crisis alert escalation"
        DEADLINE_ESCALATION = "deadline_escalation", "Missed-deadline escalation"
        ASSESSMENT_REMINDER_24H = "assessment_reminder_24h", "Assessment reminder, a day before"
        ASSESSMENT_REMINDER_2H = "assessment_reminder_2h", "Assessment reminder, 2 hours before"
        SEAT_OFFER = "seat_offer", "Seat offer to applicant"

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        SMS = "sms", "Text message"

    class StaffAddress(models.TextChoices):
        ONCALL = "oncall", "On-call address"
        LEAD = "lead", "Admissions lead address"
        BACKUP = "backup", "Crisis backup address"

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    screening = models.ForeignKey(
        "screening.Screening",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Staff recipients are users; the on-call address and the applicant are resolved at
    # send time so no address is copied here.
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A staff address from settings rather than a user ("oncall", "lead", "backup").
    staff_address = models.CharField(max_length=10, choices=StaffAddress.choices, blank=True)
    # A crisis alert, repeat or escalation: its episode and round (0 = the first alert).
    crisis_episode = models.ForeignKey(
        "CrisisEpisode", null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    alert_round = models.PositiveSmallIntegerField(default=0)
    # What the message is about, when it is an appointment or a held seat.
    assessment = models.ForeignKey(
        "Assessment", null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    seat_offer = models.ForeignKey(
        "SeatOffer", null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    # Stops doubles: e.g. "crisis_alert:referral:12:user:3", "no_response_1:attempt:40".
    dedupe_key = models.CharField(max_length=120, unique=True)
    scheduled_for = models.DateTimeField(db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)  # an error class, never PHI
    # When the last wake-up was due to reach a worker; the dispatcher re-wakes a due row only
    # once that is a while ago, so a stalled worker does not get a growing pile of wake-ups.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    # Bumped by a staff retry of a failed send; part of the provider idempotency key so a
    # deliberate retry is not swallowed as a duplicate.
    manual_retries = models.PositiveSmallIntegerField(default=0)
    # The message as it went out (a resume link's token replaced), for staff to read.
    subject = models.CharField(max_length=200, blank=True)
    body = models.CharField(max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    NO_RESPONSE_KINDS = (Kind.NO_RESPONSE_1, Kind.NO_RESPONSE_2, Kind.NO_RESPONSE_3)
    """The no-response sequence, in the order it is sent."""
    REMINDER_KINDS = (Kind.ASSESSMENT_REMINDER_24H, Kind.ASSESSMENT_REMINDER_2H)
    """An assessment's reminders, 24 and 2 hours before it."""
    APPLICANT_KINDS = (
        Kind.CONFIRMATION,
        Kind.RESUME_LINK,
        *NO_RESPONSE_KINDS,
        *REMINDER_KINDS,
        Kind.SEAT_OFFER,
    )
    """The kinds sent to the applicant; the others go to staff."""
    CALLING_HOURS_KINDS = (*NO_RESPONSE_KINDS, *REMINDER_KINDS, Kind.SEAT_OFFER)
    """Messages the clinic starts (not the confirmation or resume link the applicant just
    asked for): sent only in the applicant's calling hours, 8 a.m. to 9 p.m. their time."""

    class Meta:
        ordering = ["scheduled_for", "id"]
        indexes = [models.Index(fields=["status", "scheduled_for"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(referral__isnull=False) | models.Q(screening__isnull=False),
                name="followup_has_subject",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="followup_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.status})"

    @property
    def to_applicant(self) -> bool:
        return self.kind in self.APPLICANT_KINDS

    @property
    def recipient_label(self) -> str:
        """Who it goes to, for staff pages, without an address."""
        if self.to_applicant:
            return "Applicant"
        if self.recipient_user_id:
            return "Staff member"
        if self.staff_address:
            return self.get_staff_address_display()
        if self.kind == self.Kind.CRISIS_ALERT:
            return "On-call address"
        return "Admissions lead address"

    @property
    def is_due(self) -> bool:
        from django.utils import timezone

        return self.scheduled_for <= timezone.now()

    @property
    def in_calling_hours(self) -> bool:
        return self.kind in self.CALLING_HOURS_KINDS

    @property
    def idempotency_key(self) -> str:
        """Stable across redeliveries of this send; new for each staff retry."""
        return f"iop-followup-{self.pk}-{self.manual_retries}"


class SeatOffer(models.Model):
    """A program offered to a referral: holds a seat until it expires, is accepted (admitted)
    or withdrawn."""

    class Status(models.TextChoices):
        HELD = "held", "Seat held"
        ACCEPTED = "accepted", "Accepted — enrolled"
        EXPIRED = "expired", "Expired"
        WITHDRAWN = "withdrawn", "Withdrawn"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="offers")
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="offers")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    expires_at = models.DateTimeField(db_index=True)
    # Nobody when the waitlist offered a freed place by itself.
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "program"],
                condition=models.Q(status="held"),
                name="one_live_offer_per_referral_program",
            ),
        ]

    def __str__(self) -> str:
        return f"Offer of program {self.program_id} ({self.status})"


class Assessment(models.Model):
    """An intake assessment appointment. Rescheduling closes this row as ``rescheduled`` and
    opens a new one, so the history of times stays readable and each row's reminders are
    its own."""

    class Mode(models.TextChoices):
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"
        IN_PERSON = "in_person", "In person"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "No-show"
        CANCELLED = "cancelled", "Cancelled"
        RESCHEDULED = "rescheduled", "Rescheduled"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="assessments")
    starts_at = models.DateTimeField(db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    mode = models.CharField(max_length=10, choices=Mode.choices)
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    location = models.CharField(max_length=200, blank=True)  # room, address or video link
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    reason = models.CharField(max_length=500, blank=True)  # why cancelled or rescheduled
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral"],
                condition=models.Q(status="scheduled"),
                name="one_scheduled_assessment_per_referral",
            ),
        ]
        indexes = [
            # The dashboard's "assessed": attended assessments by start, with their referral.
            models.Index(
                fields=["starts_at"],
                include=["referral"],
                condition=models.Q(status="attended"),
                name="assessment_attended",
            ),
        ]

    def __str__(self) -> str:
        return f"Assessment {self.pk} ({self.status})"

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.SCHEDULED


class WaitlistEntry(models.Model):
    """A referral waiting for a place in a full program. The program's waitlist is its
    waiting entries by ``added_at``; when a place frees, the first one is offered it."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        OFFERED = "offered", "Offered a place"
        REMOVED = "removed", "Removed"

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="waitlist_entries"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    offer = models.OneToOneField(
        SeatOffer, null=True, blank=True, on_delete=models.SET_NULL, related_name="waitlist_entry"
    )
    removed_reason = models.CharField(max_length=200, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name_plural = "waitlist entries"
        indexes = [
            models.Index(fields=["program", "status", "added_at"], name="waitlist_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "program"],
                condition=models.Q(status="waiting"),
                name="one_waiting_entry_per_referral_program",
            ),
        ]

    def __str__(self) -> str:
        return f"Waitlist entry {self.pk} ({self.status})"


class InsuranceVerification(models.Model):
    """Checking one referral's coverage: what the payer said, who verified it and when.
    Every field is PHI: staff see it only on the insurance page (each view audited) and it
    is never put in a message, a log line or a task argument."""

    referral = models.OneToOneField(
        Referral, on_delete=models.CASCADE, related_name="insurance_verification"
    )
    status = models.CharField(
        max_length=16, choices=InsuranceStatus.choices, default=InsuranceStatus.NOT_STARTED
    )
    carrier = models.CharField(max_length=100, blank=True)
    payer_id = models.CharField(max_length=20, blank=True)  # the clearinghouse's payer code
    plan = models.CharField(max_length=200, blank=True)
    member_id = models.CharField(max_length=64, blank=True)
    group_number = models.CharField(max_length=64, blank=True)
    coverage_start = models.DateField(null=True, blank=True)
    coverage_end = models.DateField(null=True, blank=True)
    benefit_notes = models.TextField(blank=True, max_length=2000)  # behavioural health / IOP
    cost_notes = models.TextField(blank=True, max_length=2000)  # copay, deductible
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    # The last electronic eligibility check (X12 270/271): when, and its trace number.
    checked_at = models.DateTimeField(null=True, blank=True)
    check_reference = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            *text_length_constraints("insuranceverification", benefit_notes=2000, cost_notes=2000),
            models.CheckConstraint(
                condition=models.Q(coverage_start__isnull=True)
                | models.Q(coverage_end__isnull=True)
                | models.Q(coverage_start__lte=models.F("coverage_end")),
                name="insurance_coverage_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Insurance verification of referral {self.referral_id}"


class FieldChange(AppendOnlyModel):
    """One field of a staff edit to a referral's source, referring provider or insurance
    verification, with its old and new values. Never changed or deleted. The audit event of
    the edit names these rows by id (the audit trail itself holds ids and field names
    only); insurance rows are PHI and are shown only on the audited insurance page."""

    class Subject(models.TextChoices):
        SOURCE = "source", "Source and referring provider"
        INSURANCE = "insurance", "Insurance verification"

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="field_changes")
    subject = models.CharField(max_length=10, choices=Subject.choices)
    field = models.CharField(max_length=50)
    old_value = models.TextField(blank=True, max_length=2000)
    new_value = models.TextField(blank=True, max_length=2000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["referral", "subject", "created_at"])]
        constraints = text_length_constraints("fieldchange", old_value=2000, new_value=2000)

    def __str__(self) -> str:
        return f"{self.field} of referral {self.referral_id}"
