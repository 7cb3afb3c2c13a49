"""Staff roles as groups, and the permissions each one holds (least privilege).

The groups and their permissions are created by the data migration
``admissions/migrations/0003_staff_roles.py`` and amended by later ones (0009: publishing rule
sets; 0011: clinicians respond to crises, the "Crisis backup" group); this module names them
for code, the demo logins and the tests, which check that the database matches
``ROLE_PERMISSIONS``.
Changing a role means a new data migration *and* an edit here. See docs/security.md.
"""

from typing import Final

ADMISSIONS: Final = "Admissions"
CLINICIAN: Final = "Clinician"
PROGRAM_ADMIN: Final = "Program admin"
ADMINISTRATOR: Final = "Administrator"
ON_CALL: Final = "On call"
"""Not a role: the clinicians who receive crisis alerts. Holds no permissions."""
ADMISSIONS_LEAD: Final = "Admissions lead"
"""Not a role: who hears of missed deadlines and unacknowledged crisis alerts."""
CRISIS_BACKUP: Final = "Crisis backup"
"""Not a role: the backup clinicians an unacknowledged crisis alert escalates to."""

ROLES: Final = (ADMISSIONS, CLINICIAN, PROGRAM_ADMIN, ADMINISTRATOR)

# Permission names used by the staff workspace's checks.
VIEW_REFERRAL: Final = "admissions.view_referral"
WORK_REFERRAL: Final = "admissions.work_referral"
ADD_NOTE: Final = "admissions.add_note"
OVERRIDE_LEVEL: Final = "admissions.override_level"
RESPOND_CRISIS: Final = "admissions.respond_crisis"
EXPORT_REFERRALS: Final = "admissions.export_referrals"
VIEW_AUDIT: Final = "admissions.view_audit"
PUBLISH_RULE_SET: Final = "screening.publish_ruleset"

_CATALOG: Final = (
    "programs.manage_catalog",
    "programs.view_program",
    "programs.add_program",
    "programs.change_program",
    "programs.view_session",
    "programs.add_session",
    "programs.change_session",
    "programs.delete_session",
    "programs.view_insuranceplan",
    "programs.add_insuranceplan",
    "programs.change_insuranceplan",
)

ROLE_PERMISSIONS: Final[dict[str, frozenset[str]]] = {
    # Works the queue all day: sees referrals, contacts people, assigns, moves statuses,
    # writes notes, watches the outbox of follow-ups and retries a failed one.
    ADMISSIONS: frozenset(
        {
            VIEW_REFERRAL,
            WORK_REFERRAL,
            ADD_NOTE,
            "admissions.view_followup",
            "admissions.change_followup",
        }
    ),
    # Reviews and decides: sees referrals, writes notes, overrides the level of care (a
    # crisis referral lowered below inpatient needs a second clinician's co-sign), and
    # responds to crises: acknowledges alerts, records outcomes and safety assessments.
    CLINICIAN: frozenset({VIEW_REFERRAL, ADD_NOTE, OVERRIDE_LEVEL, RESPOND_CRISIS}),
    # Keeps the program catalog; sees no referral or applicant data.
    PROGRAM_ADMIN: frozenset(_CATALOG),
    # Runs the clinic's staff workspace: everything admissions staff do, plus the audit
    # trail, the CSV export, first-contact deadlines, staff accounts and publishing a
    # reviewed rule-set version. Not overrides (a clinical decision) and not the catalog
    # (Program admin).
    ADMINISTRATOR: frozenset(
        {
            VIEW_REFERRAL,
            WORK_REFERRAL,
            ADD_NOTE,
            VIEW_AUDIT,
            EXPORT_REFERRALS,
            PUBLISH_RULE_SET,
            "admissions.view_followup",
            "admissions.change_followup",
            "admissions.view_deadlinepolicy",
            "admissions.change_deadlinepolicy",
            "auth.view_user",
            "auth.add_user",
            "auth.change_user",
            "auth.view_group",
        }
    ),
    ON_CALL: frozenset(),
    ADMISSIONS_LEAD: frozenset(),
    CRISIS_BACKUP: frozenset(),
}


def ensure_roles() -> None:
    """Create or repair the role groups so they hold exactly ``ROLE_PERMISSIONS``.

    Idempotent. The data migration does this on ``migrate``; a test database flushed by a
    transactional (browser) test calls it to get the groups back."""
    from django.contrib.auth.models import Group, Permission

    for name, codes in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = []
        for code in sorted(codes):
            app_label, codename = code.split(".")
            permissions.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
