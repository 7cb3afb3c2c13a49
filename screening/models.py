"""Screenings: a person's answers, kept as a draft step by step, and the recommendation made
from them once, by the scoring engine."""

import uuid

from django.conf import settings
from django.db import models

from audit.append_only import AppendOnlyModel
from core.text_limits import text_length_constraints

from .choices import BestTime, ContactMethod, Level, ReferralSource, SiteLanguage, Urgency


class ReferralPartner(models.Model):
    """An organisation that sends people to the screener with its own link
    (``/screen/?ref=CODE``). Codes are managed by administrators; a screening opened from a
    partner's link records the partner (never anything about the person in the link)."""

    code = models.SlugField(max_length=32, unique=True)
    organisation = models.CharField(max_length=200)
    contact_name = models.CharField(max_length=100)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=32, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[a-z0-9][a-z0-9-]*$"),
                name="referral_partner_code_slug",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.code})"


class Screening(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        SUBMITTED = "submitted", "Submitted"

    # The person's own details, as the "about you" and consent steps edit them.
    CONTACT_FIELDS = (
        "first_name",
        "last_name",
        "date_of_birth",
        "phone",
        "email",
        "preferred_contact",
        "best_time",
        "state",
        "zip_code",
        "language",
        "insurance_carrier",
        "insurance_member_id",
    )
    CONSENT_FIELDS = ("consent_terms", "consent_contact", "consent_sms")
    SOURCE_FIELDS = ("heard_from",)
    # A parent or guardian, asked of applicants aged 12 to 17 (the guardian step).
    GUARDIAN_FIELDS = (
        "guardian_name",
        "guardian_relationship",
        "guardian_phone",
        "guardian_email",
    )

    # Identifies a draft in the applicant's session; never shown in a URL.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    current_step = models.CharField(max_length=30, blank=True)

    # About you and contact
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    phone = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True)
    preferred_contact = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    best_time = models.CharField(max_length=10, choices=BestTime.choices, default=BestTime.ANY)
    state = models.CharField(max_length=2, blank=True)
    zip_code = models.CharField(max_length=10, blank=True)
    language = models.CharField(max_length=20, default="en")
    # The language the person used the site in (set at the crisis moment and on submit).
    site_language = models.CharField(
        max_length=8, choices=SiteLanguage.choices, default=SiteLanguage.ENGLISH
    )
    insurance_carrier = models.CharField(max_length=100, blank=True)
    insurance_member_id = models.CharField(max_length=64, blank=True)

    # How they heard of the program (optional, the step before review), and the partner
    # whose link (``?ref=CODE``) opened the screener, if any.
    heard_from = models.CharField(max_length=20, choices=ReferralSource.choices, blank=True)
    partner = models.ForeignKey(
        ReferralPartner, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A parent or guardian (applicants under 18 only)
    guardian_name = models.CharField(max_length=100, blank=True)
    guardian_relationship = models.CharField(
        max_length=20,
        blank=True,
        choices=[
            ("parent", "Parent"),
            ("guardian", "Legal guardian"),
            ("other", "Another adult who cares for them"),
        ],
    )
    guardian_phone = models.CharField(max_length=32, blank=True)
    guardian_email = models.EmailField(blank=True)

    # Consent
    consent_terms = models.BooleanField(default=False)
    consent_contact = models.BooleanField(default=False)
    consent_sms = models.BooleanField(default=False)

    # Answer codes exactly as the rule set names them (see docs/level-of-care.md).
    answers = models.JSONField(default=dict, blank=True)

    # Set when the safety step endorsed acute risk, before the form was finished, with the
    # answer that did it ("asq_5:true", "asq_5:declined", "harm_others_now:true"). A crisis
    # stands: the recommendation records it even if the answers change afterwards.
    crisis_at = models.DateTimeField(null=True, blank=True)
    crisis_answer = models.CharField(max_length=40, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(submitted_at__isnull=False),
                name="screening_submitted_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"Screening {self.pk} ({self.status})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Recommendation(models.Model):
    """What the rule set recommended for one submitted screening. Written once, never changed:
    clinician overrides are separate rows in admissions."""

    screening = models.OneToOneField(
        Screening, on_delete=models.PROTECT, related_name="recommendation"
    )
    rule_set = models.CharField(max_length=40)
    level = models.CharField(max_length=12, choices=Level.choices)
    level_basis = models.CharField(max_length=12, blank=True)  # "floor" or "composite"
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    crisis = models.BooleanField(default=False)
    composite = models.PositiveSmallIntegerField()
    domains = models.JSONField()
    instruments = models.JSONField()
    flags = models.JSONField(default=list)
    reasons = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The Rule sets page counts recommendations per version from this index alone.
        indexes = [models.Index(fields=["rule_set"], name="recommendation_rule_set_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(composite__gte=7, composite__lte=33),
                name="recommendation_composite_range",
            ),
            models.CheckConstraint(
                condition=~models.Q(crisis=True) | models.Q(level="inpatient", urgency="emergent"),
                name="recommendation_crisis_is_inpatient_emergent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.rule_set})"


class ResumeToken(models.Model):
    """A single-use link that lets a person continue a draft on another device.
    Only a hash of the token is stored."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="resume_tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Resume link for screening {self.screening_id}"


class RuleSetPublication(AppendOnlyModel):
    """An administrator made ``version`` the active rule set. Append-only: the active rule set
    is the version of the latest publication (``DEFAULT_RULE_SET`` while there is none).
    Written only by ``screening.services.rule_set_publish``."""

    version = models.CharField(max_length=40)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="rule_set_publications"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(max_length=2000)
    """Why this version was published (reviewed by whom, what changed)."""

    class Meta:
        ordering = ["-published_at", "-id"]
        default_permissions = ("view",)
        permissions = [("publish_ruleset", "Can publish a rule-set version")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(version="") & ~models.Q(note=""),
                name="rulesetpublication_version_and_note",
            ),
            *text_length_constraints("rulesetpublication", note=2000),
        ]

    def __str__(self) -> str:
        return f"{self.version} published {self.published_at:%Y-%m-%d %H:%M}"
