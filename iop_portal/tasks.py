"""Housekeeping beat runs: expired sessions leave the database (an applicant's session holds
only ids, but a row per visitor should not outlive its expiry by months)."""

from celery import shared_task


@shared_task(name="iop_portal.sessions_clear_expired")
def sessions_clear_expired() -> None:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.filter(expire_date__lt=timezone.now()).delete()
