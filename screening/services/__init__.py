"""Every write of the screening app. Referrals opened from a screening are written by
``admissions.services.intake``, which calls into these."""

from .contact import screening_phone_add
from .drafts import (
    DRAFT_RETENTION,
    ScreeningClosed,
    screening_create,
    screening_discard,
    screening_mark_crisis,
    screening_save_step,
    with_age,
)
from .language import screening_note_site_language, site_language_of
from .partners import referral_partner_save, screening_record_partner
from .resume import RESUME_TOKEN_TTL, resume_token_hash, resume_token_issue, resume_token_redeem
from .rule_sets import rule_set_publish
from .submission import Submission, screening_submit

__all__ = [
    "DRAFT_RETENTION",
    "RESUME_TOKEN_TTL",
    "ScreeningClosed",
    "Submission",
    "referral_partner_save",
    "resume_token_hash",
    "resume_token_issue",
    "resume_token_redeem",
    "rule_set_publish",
    "screening_create",
    "screening_discard",
    "screening_mark_crisis",
    "screening_note_site_language",
    "screening_phone_add",
    "screening_record_partner",
    "screening_save_step",
    "screening_submit",
    "site_language_of",
    "with_age",
]
