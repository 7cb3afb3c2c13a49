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


def signed_in_client(user):
    """A test client signed in as ``user`` with the second factor passed (staff pages
    require it, ``STAFF_MFA_REQUIRED``): the session is marked verified by the user's
    authenticator, enrolled with the demo secret if the user has none."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.demo_totp import demo_totp_enrol

    client = Client()
    client.force_login(user, backend="accounts.backends.PortalModelBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        demo_totp_enrol(user)
        device = TOTPDevice.objects.get(user=user, confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def session_cookie(user) -> str:
    """A signed-in session for ``user`` (second factor passed), stored in the database the
    server reads, as the ``Cookie`` header value a load client sends."""
    from django.conf import settings

    client = signed_in_client(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
