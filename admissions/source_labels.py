"""Referral sources in staff words (the screener asks in the person's words, in two
languages): the queue filter, the referral page, the export and the dashboard."""

from screening.choices import ReferralSource

STAFF_SOURCE_LABELS = {
    ReferralSource.SEARCH: "Internet search",
    ReferralSource.CLINICIAN: "Doctor or therapist",
    ReferralSource.HOSPITAL: "Hospital or emergency department",
    ReferralSource.INSURER: "Insurer",
    ReferralSource.FRIEND_FAMILY: "Friend or family",
    ReferralSource.SCHOOL_EMPLOYER: "School or employer",
    ReferralSource.SOCIAL_MEDIA: "Social media",
    ReferralSource.OTHER: "Other",
}
"""The sources in staff words (the screener asks in the person's words, in two languages)."""
NOT_GIVEN = "Not given"


def source_label(code: str) -> str:
    return STAFF_SOURCE_LABELS.get(code, NOT_GIVEN) if code else NOT_GIVEN
