"""Fill the new reach columns from the contact attempts already logged: ``reached_at`` is
the first attempt whose outcome was ``reached``, and the deadline counts as met only when
that was in time (an unanswered call no longer meets it). A frozen copy of the rule."""

from django.db import migrations
from django.db.models import Count, Max, Min, OuterRef, Q, Subquery


def backfill(apps, schema_editor):
    Referral = apps.get_model("admissions", "Referral")
    ContactAttempt = apps.get_model("admissions", "ContactAttempt")
    latest = ContactAttempt.objects.filter(referral=OuterRef("pk")).order_by("-created_at", "-id")
    rows = (
        Referral.objects.filter(first_attempt_at__isnull=False)
        .annotate(
            n=Count("contact_attempts"),
            last_at=Max("contact_attempts__created_at"),
            first_reach=Min(
                "contact_attempts__created_at", filter=Q(contact_attempts__outcome="reached")
            ),
        )
        .annotate(last=Subquery(latest.values("outcome")[:1]))
    )
    for referral in rows.iterator(chunk_size=500):
        Referral.objects.filter(pk=referral.pk).update(
            attempt_count=min(referral.n, 32767),
            last_attempt_at=referral.last_at,
            last_outcome=referral.last or "",
            reached_at=referral.first_reach,
            deadline_met=(referral.first_reach <= referral.due_at) if referral.first_reach else None,
        )


class Migration(migrations.Migration):
    dependencies = [("admissions", "0012_attempts_reach_assessments_waitlists")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
