"""One of everything a route can point at (a referral with a screening, a program, a seat
offer, a failed follow-up), each role's signed-in client, and the values that turn every URL
pattern into a path that reaches a real object."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.test import Client

from admissions.models import FollowUp
from admissions.services.offers import seat_offer_create
from core import roles
from tests.admissions.factories import make_referral, make_staff, sign_in_verified
from tests.iop_portal.routes import Route
from tests.programs.factories import ProgramFactory

ROLES = (roles.ADMISSIONS, roles.CLINICIAN, roles.PROGRAM_ADMIN, roles.ADMINISTRATOR)


@dataclass
class World:
    referral: object
    program: object
    offer: object
    followup: object
    users: dict = field(default_factory=dict)

    def values_for(self, route: Route) -> dict[str, object]:
        pk = self.referral.pk
        if route.name.startswith("programs_staff:"):
            pk = self.program.pk
        elif route.name == "admissions:followup_retry":
            pk = self.followup.pk
        return {
            "pk": pk,
            "offer_pk": self.offer.pk,
            "object_id": get_user_model().objects.order_by("pk").values_list("pk", flat=True)[0],
            "id": self.users[roles.ADMINISTRATOR].pk,
            "content_type_id": 1,
            "slug": self.program.slug,
            "step": "about",
            "token": "not-a-real-token",
            "url": "no-such-page/",
        }

    def client_for(self, role: str | None, **extra) -> Client:
        client = Client(**extra)
        if role is not None:
            sign_in_verified(client, self.users[role])
        return client


def build_world() -> World:
    users = {role: make_staff(role) for role in ROLES}
    users[roles.ADMINISTRATOR].is_staff = True  # the Django admin, as the demo administrator
    users[roles.ADMINISTRATOR].save()
    referral = make_referral(level="iop", first_name="Quinn", email="quinn@example.com")
    program = ProgramFactory(level="iop")
    offer = seat_offer_create(
        referral=referral, program=program, offered_by=users[roles.ADMISSIONS]
    )
    followup = FollowUp.objects.create(
        referral=referral,
        kind=FollowUp.Kind.CONFIRMATION,
        channel=FollowUp.Channel.EMAIL,
        dedupe_key="world:confirmation",
        scheduled_for=referral.created_at,
        status=FollowUp.Status.FAILED,
        last_error="SMTPServerDisconnected: could not talk to the mail server",
    )
    return World(referral=referral, program=program, offer=offer, followup=followup, users=users)
