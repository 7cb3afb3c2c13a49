"""Staff logins for the benchmark database, and session cookies the load clients can send."""

import secrets

BENCH_ADMIN = "bench-admin"
STAFF_NAMES = (("Dana", "Reyes"), ("Sam", "Okafor"), ("Lee", "Park"), ("Ana", "Silva"))


def ensure_staff():
    """An administrator (queue, export) and a few admissions staff to assign referrals to."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core import roles

    User = get_user_model()
    admissions = Group.objects.get(name=roles.ADMISSIONS)
    administrator = Group.objects.get(name=roles.ADMINISTRATOR)
    admin, created = User.objects.get_or_create(
        username=BENCH_ADMIN,
        defaults={"first_name": "Bench", "last_name": "Admin", "email": "bench@example.org"},
    )
    if created:
        admin.set_password(secrets.token_urlsafe(24))
        admin.save()
        admin.groups.add(administrator, admissions)
    for first, last in STAFF_NAMES:
        user, created = User.objects.get_or_create(
            username=f"{first}.{last}".lower(),
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{first}.{last}@example.org".lower(),
            },
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(admissions)
    return admin


def session_cookie(user) -> str:
    """A signed-in session for ``user``, stored in the database the server reads, as the
    ``Cookie`` header value a load client sends."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
