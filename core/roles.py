"""Who may do what: every staff group and permission name, the permissions each role holds
(least privilege), and the one access check every service and view makes.

The groups and their permissions are created by the data migration
``admissions/migrations/0003_staff_roles.py`` and amended by later ones (0005: the Admissions
lead list, 0009: publishing rule sets, 0010: the audit app's own permission, 0017: clinicians
respond to crises and the Crisis backup list, 0020: admissions staff and administrators merge
same-person referrals, 0022: the dashboard, insurance verification and partner links;
accounts 0002: administrators manage staff accounts); this module names them for code, the
demo logins and the tests, which check that the database matches ``ROLE_PERMISSIONS``.
Changing a role means a new data migration *and* an edit here. See docs/security.md.

The names are plain strings. From Django the module imports only ``PermissionDenied``,
``login_required`` (for ``view_requires``) and, inside ``ensure_roles``, the auth models; it
has no models of its own, so every app, low or high, can use it.
"""

from functools import wraps
from typing import Final

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

# Roles: groups that hold permissions.
ADMISSIONS: Final = "Admissions"
CLINICIAN: Final = "Clinician"
PROGRAM_ADMIN: Final = "Program admin"
ADMINISTRATOR: Final = "Administrator"
ROLES: Final = (ADMISSIONS, CLINICIAN, PROGRAM_ADMIN, ADMINISTRATOR)

# Notification lists: groups that hold no permissions, only decide who is alerted.
ON_CALL: Final = "On call"
"""Not a role: the clinicians who receive crisis alerts."""
ADMISSIONS_LEAD: Final = "Admissions lead"
"""Not a role: who is told when a first-contact deadline passes (admissions 0005), or a crisis
alert goes unacknowledged. The one notification list that also holds a permission: the lead
sees the intake metrics dashboard (admissions 0022)."""
CRISIS_BACKUP: Final = "Crisis backup"
"""Not a role: the backup clinicians an unacknowledged crisis alert escalates to (0017)."""

# Permissions, as ``app_label.codename``.
VIEW_REFERRAL: Final = "admissions.view_referral"
WORK_REFERRAL: Final = "admissions.work_referral"
ADD_NOTE: Final = "admissions.add_note"
OVERRIDE_LEVEL: Final = "admissions.override_level"
RESPOND_CRISIS: Final = "admissions.respond_crisis"
MERGE_REFERRAL: Final = "admissions.merge_referral"
"""Merge two referrals of the same person, or dismiss that possibility (admissions 0020)."""
EXPORT_REFERRALS: Final = "admissions.export_referrals"
VIEW_FOLLOWUP: Final = "admissions.view_followup"
CHANGE_FOLLOWUP: Final = "admissions.change_followup"
VIEW_DEADLINE_POLICY: Final = "admissions.view_deadlinepolicy"
CHANGE_DEADLINE_POLICY: Final = "admissions.change_deadlinepolicy"
VIEW_DASHBOARD: Final = "admissions.view_dashboard"
VERIFY_INSURANCE: Final = "admissions.verify_insurance"
VIEW_AUDIT: Final = "audit.view_auditevent"  # the audit app's own
PUBLISH_RULE_SET: Final = "screening.publish_ruleset"
MANAGE_CATALOG: Final = "programs.manage_catalog"
VIEW_PROGRAM: Final = "programs.view_program"
VIEW_USER: Final = "auth.view_user"
ADD_USER: Final = "auth.add_user"
CHANGE_USER: Final = "auth.change_user"
VIEW_GROUP: Final = "auth.view_group"
MANAGE_PARTNERS: Final = "screening.change_referralpartner"

_PARTNERS: Final = (
    "screening.view_referralpartner",
    "screening.add_referralpartner",
    MANAGE_PARTNERS,
)
MANAGE_STAFF: Final = "accounts.manage_staff"  # /staff/accounts/ (accounts 0002)

_CATALOG: Final = (
    MANAGE_CATALOG,
    VIEW_PROGRAM,
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
    # Merges two referrals of the same person (or says they are two people), and verifies
    # insurance (sees and records coverage, runs the eligibility check).
    ADMISSIONS: frozenset(
        {
            VIEW_REFERRAL,
            WORK_REFERRAL,
            ADD_NOTE,
            VIEW_FOLLOWUP,
            CHANGE_FOLLOWUP,
            MERGE_REFERRAL,
            VERIFY_INSURANCE,
        }
    ),
    # Reviews and decides: sees referrals, writes notes, overrides the level of care (a
    # crisis referral lowered below inpatient needs a second clinician's co-sign), and
    # responds to crises: acknowledges alerts, records outcomes and safety assessments.
    CLINICIAN: frozenset({VIEW_REFERRAL, ADD_NOTE, OVERRIDE_LEVEL, RESPOND_CRISIS}),
    # Keeps the program catalog; sees no referral or applicant data.
    PROGRAM_ADMIN: frozenset(_CATALOG),
    # Runs the clinic's staff workspace: everything admissions staff do, plus the audit
    # trail, the CSV export, first-contact deadlines, staff accounts, publishing a reviewed
    # rule-set version, the metrics dashboard and the partner links. Not overrides (a
    # clinical decision) and not the catalog (Program admin).
    ADMINISTRATOR: frozenset(
        {
            VIEW_REFERRAL,
            WORK_REFERRAL,
            ADD_NOTE,
            MERGE_REFERRAL,
            VIEW_AUDIT,
            EXPORT_REFERRALS,
            PUBLISH_RULE_SET,
            VIEW_FOLLOWUP,
            CHANGE_FOLLOWUP,
            VIEW_DEADLINE_POLICY,
            CHANGE_DEADLINE_POLICY,
            VIEW_USER,
            ADD_USER,
            CHANGE_USER,
            VIEW_GROUP,
            VIEW_DASHBOARD,
            VERIFY_INSURANCE,
            *_PARTNERS,
            MANAGE_STAFF,
        }
    ),
    ON_CALL: frozenset(),
    ADMISSIONS_LEAD: frozenset({VIEW_DASHBOARD}),
    CRISIS_BACKUP: frozenset(),
}


PORTAL_GROUPS: Final = tuple(ROLE_PERMISSIONS)
"""Every group an administrator may give or take away on /staff/accounts/: the roles and the
notification lists. Nothing else (no other group, no raw permission, no superuser or
Django-admin access) can be handed out in the portal."""


def has_permission(user, perm: str) -> bool:
    """Whether ``user`` holds ``perm``; ``False`` for no user, an anonymous or inactive one."""
    return bool(user is not None and user.is_authenticated and user.has_perm(perm))


def require_permission(user, perm: str) -> None:
    """Raise ``PermissionDenied`` unless ``user`` holds ``perm``. Never fails otherwise on a
    missing (``None``) or anonymous actor: those are refused like anyone without the
    permission."""
    if not has_permission(user, perm):
        raise PermissionDenied


def view_requires(perm: str):
    """View decorator: signed in (else to the login page), then ``require_permission`` (else
    403)."""

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            require_permission(request.user, perm)
            return view(request, *args, **kwargs)

        return login_required(checked)

    return decorate


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
