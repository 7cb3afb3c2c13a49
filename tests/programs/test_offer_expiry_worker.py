"""The beat task that expires seat offers, sent through Redis to a real Celery worker process:
the worker knows the task (admissions/tasks/offers.py, found by autodiscovery) and gives the place
back."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from admissions.models import SeatOffer
from admissions.services.offers import seat_offer_create
from admissions.tasks import seat_offers_expire
from tests.admissions.factories import make_referral, make_staff

from .factories import ProgramFactory

pytestmark = pytest.mark.integration


def test_a_real_worker_expires_a_due_offer(celery_worker_process):
    staff = make_staff(None)
    staff.user_permissions.add(Permission.objects.get(codename="work_referral"))
    program = ProgramFactory(capacity=1)
    offer = seat_offer_create(referral=make_referral(), program=program, offered_by=staff)
    SeatOffer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    worker = celery_worker_process()

    seat_offers_expire.delay()

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        offer.refresh_from_db()
        if offer.status != "held":
            break
        time.sleep(0.2)
    assert offer.status == "expired"
    program.refresh_from_db()
    assert (program.held, program.open_seats) == (0, 1)
    assert "admissions.seat_offers_expire" in worker.log.read_text()
