"""``manage.py demo_totp_code <username>``: the current authenticator code of a demo login
(or of any account, on a development machine), so `make run` can be tried without a phone.
Refused where DEMO_LOGINS_ALLOWED is off (production)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo_totp import current_code


class Command(BaseCommand):
    help = "Print the current sign-in code of a demo login's authenticator (development only)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        if not getattr(settings, "DEMO_LOGINS_ALLOWED", False):
            raise CommandError("Refused: DEMO_LOGINS_ALLOWED is off (production settings).")
        device = (
            TOTPDevice.objects.filter(user__username=username, confirmed=True)
            .order_by("id")
            .first()
        )
        if device is None:
            raise CommandError(
                f"{username} has no authenticator set up. Run `manage.py load_demo` first."
            )
        self.stdout.write(current_code(device))
