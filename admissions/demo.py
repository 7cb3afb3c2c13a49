"""Demo staff logins, one per role, for `make run` (``python manage.py load_demo``).

The password is published in the README and docs/security.md, so these accounts are
created only where ``settings.DEMO_LOGINS_ALLOWED`` is true; production settings turn it
off and this refuses. Running it again resets the demo accounts to these values.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.demo_totp import demo_totp_enrol
from core import roles

from . import demo_referrals

DEMO_PASSWORD = "iop-demo-2026"  # noqa: S105 - published on purpose, demo only

DEMO_STAFF = (
    # username, first name, last name, groups. None is a superuser or has is_staff: the
    # Django admin is for superusers only (accounts/admin_site.py).
    ("admissions@demo", "Alex", "Rivera", (roles.ADMISSIONS,)),
    ("clinician@demo", "Sam", "Okafor", (roles.CLINICIAN, roles.ON_CALL)),
    # A second clinician: co-signs a lowered crisis level; hears of unacknowledged alerts.
    ("backup@demo", "Robin", "Achebe", (roles.CLINICIAN, roles.CRISIS_BACKUP)),
    ("programs@demo", "Priya", "Shah", (roles.PROGRAM_ADMIN,)),
    ("admin@demo", "Jordan", "Lee", (roles.ADMINISTRATOR,)),
)


def load(*, stdout, style) -> None:
    if not getattr(settings, "DEMO_LOGINS_ALLOWED", False):
        stdout.write(
            style.WARNING(
                "Demo staff logins NOT created: DEMO_LOGINS_ALLOWED is off (production "
                "settings). Create a superuser with `manage.py createsuperuser`, give yourself the "
                "Administrator role in the Django admin, then invite staff at /staff/accounts/."
            )
        )
        return
    roles.ensure_roles()  # the data migration made them; a flushed database may not have them
    User = get_user_model()
    secrets = {}
    for username, first, last, group_names in DEMO_STAFF:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username.split('@')[0]}.demo@example.org",
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set(Group.objects.filter(name__in=group_names))
        secrets[username] = demo_totp_enrol(user)
    demo_referrals.load(stdout=stdout, style=style)
    stdout.write(style.SUCCESS("Demo staff logins (sign in at /staff/):"))
    for username, _first, _last, group_names in DEMO_STAFF:
        stdout.write(f"  {username:<18} password {DEMO_PASSWORD}   {', '.join(group_names)}")
    stdout.write(
        style.SUCCESS("Second factor: add a secret to an authenticator app, or print the code")
        + " with `python manage.py demo_totp_code <username>`:"
    )
    for username, secret in secrets.items():
        stdout.write(f"  {username:<18} authenticator secret {secret}")
