"""The Django admin is for superusers only, audits every user and group change a superuser
makes there, and production mounts it only when DJANGO_ADMIN_ENABLED asks."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import clear_url_caches

from audit.models import AuditEvent
from tests.admissions.factories import sign_in_verified

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_an_administrator_cannot_use_the_django_admin_even_with_is_staff(
    signed_in, administrator, clinician
):
    administrator.is_staff = True
    administrator.save()
    client = signed_in(administrator)
    change_url = f"/django-admin/auth/user/{administrator.pk}/change/"

    assert client.get("/django-admin/")["Location"].startswith("/django-admin/login/")
    client.post(
        change_url,
        {"username": administrator.username, "is_superuser": "on", "is_staff": "on"},
    )
    client.post(
        f"/django-admin/auth/user/{clinician.pk}/password/",
        {"password1": "taken-over-pass-123", "password2": "taken-over-pass-123"},
    )
    client.post(
        "/django-admin/auth/user/add/",
        {"username": "sneaky", "password1": "sneaky-pass-12345", "password2": "sneaky-pass-12345"},
    )

    administrator.refresh_from_db()
    clinician.refresh_from_db()
    assert not administrator.is_superuser
    assert not administrator.user_permissions.exists()
    assert not clinician.check_password("taken-over-pass-123")
    assert not User.objects.filter(username="sneaky").exists()


def test_a_superusers_admin_changes_are_audited_by_field_name():
    root = User.objects.create_superuser("root", "root@staff.example.org", "root-pass-123456")
    client = sign_in_verified(Client(), root)
    target = User.objects.create_user("target", password="target-pass-12345")
    group = Group.objects.get(name="Clinician")
    permission = Permission.objects.get(codename="override_level")

    response = client.post(
        f"/django-admin/auth/user/{target.pk}/change/",
        {
            "username": "target",
            "is_active": "on",
            "is_staff": "on",
            "groups": [group.pk],
            "user_permissions": [permission.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.post(
        f"/django-admin/auth/user/{target.pk}/password/",
        {
            "password1": "set-by-root-12345",
            "password2": "set-by-root-12345",
            "usable_password": "true",
        },
    )

    events = list(AuditEvent.objects.filter(action="admin_changed", object_id=str(target.pk)))
    assert len(events) == 2
    assert {"groups", "is_staff", "user_permissions"} <= set(events[-1].fields)
    assert events[0].fields == ["password"]
    assert all(e.actor_id == root.pk for e in events)
    assert "set-by-root" not in str([e.__dict__ for e in events])


def test_the_admin_is_not_mounted_when_disabled(settings):
    import iop_portal.urls

    settings.DJANGO_ADMIN_ENABLED = False
    try:
        importlib.reload(iop_portal.urls)
        clear_url_caches()
        assert not any("django-admin" in str(p.pattern) for p in iop_portal.urls.urlpatterns)
    finally:
        settings.DJANGO_ADMIN_ENABLED = True
        importlib.reload(iop_portal.urls)
        clear_url_caches()
