"""One access check for every service and view: it refuses, and never crashes on, a missing
or anonymous actor; and no app code checks a permission any other way."""

from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied

from core import roles
from core.roles import has_permission, require_permission
from tests.admissions.factories import make_staff

ROOT = Path(__file__).resolve().parents[2]
APPS = ("iop_portal", "applicant", "admissions", "programs", "screening", "audit", "core")


@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["none", "anonymous"])
def test_a_missing_or_anonymous_actor_is_refused_not_crashed_on(actor):
    assert has_permission(actor, roles.VIEW_REFERRAL) is False
    with pytest.raises(PermissionDenied):
        require_permission(actor, roles.VIEW_REFERRAL)


@pytest.mark.django_db
def test_a_role_passes_only_the_checks_for_its_own_permissions():
    clinician = make_staff(roles.CLINICIAN)

    require_permission(clinician, roles.OVERRIDE_LEVEL)
    with pytest.raises(PermissionDenied):
        require_permission(clinician, roles.WORK_REFERRAL)
    clinician.is_active = False
    assert has_permission(clinician, roles.OVERRIDE_LEVEL) is False


def _app_sources():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts and path != ROOT / "core" / "roles.py":
                yield path


@pytest.mark.django_db
def test_permissions_are_checked_and_named_only_through_core_roles():
    codes = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    }
    offenders = []
    for path in _app_sources():
        text = path.read_text()
        named = {code for code in codes if f'"{code}"' in text or f"'{code}'" in text}
        if ".has_perm(" in text or "permission_required(" in text or named:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
