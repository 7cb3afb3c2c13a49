"""Housekeeping beat runs: expired sessions leave the database (an applicant's session holds
only ids, but a row per visitor should not outlive its expiry by months)."""

from celery import shared_task


@shared_task(name="iop_portal.sessions_clear_expired")
def sessions_clear_expired() -> None:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from accounts.services.staff_sessions import session_records_prune

    Session.objects.filter(expire_date__lt=timezone.now()).delete()
    session_records_prune()  # each staff sign-in's record of its session key
