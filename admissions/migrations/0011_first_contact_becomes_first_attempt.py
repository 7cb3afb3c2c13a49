"""An attempt is not a reach: what was ``first_contact_at`` (the first attempt, whatever its
outcome) is kept as ``first_attempt_at``; ``reached_at`` and the rest follow in 0011."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("admissions", "0010_audit_permission_moves_to_audit")]

    operations = [
        migrations.RemoveIndex(model_name="referral", name="referral_awaiting_contact"),
        migrations.RenameField(
            model_name="referral", old_name="first_contact_at", new_name="first_attempt_at"
        ),
    ]
