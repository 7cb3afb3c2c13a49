"""Users and groups in the Django admin, audited: every addition, change (including a
password set there, group and permission changes) and deletion a superuser makes writes
one row to the append-only trail, with the names of the fields changed (never values)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from audit.models import AuditEvent
from audit.services import audit_record


def _changed_fields(message) -> list[str]:
    """Field names out of Django's change message (a list of dicts, or a string)."""
    names: list[str] = []
    if isinstance(message, list):
        for part in message:
            for verb in ("changed", "added", "deleted"):
                entry = part.get(verb) if isinstance(part, dict) else None
                if isinstance(entry, dict):
                    names.extend(str(name) for name in entry.get("fields", []))
                    if entry.get("object") is not None and not entry.get("fields"):
                        names.append(str(entry.get("name", verb)))
    elif isinstance(message, str) and "password" in message.lower():
        names.append("password")
    return sorted(set(names))[:30]


class AuditedAdmin:
    object_type = ""

    def _audit(self, request, obj, detail: str, fields=()) -> None:
        audit_record(
            action=AuditEvent.Action.ADMIN_CHANGED,
            request=request,
            object_type=self.object_type,
            object_id=obj.pk,
            fields=fields,
            detail=detail,
        )

    def construct_change_message(self, request, form, formsets, add=False):
        request.audit_admin_fields = list(form.changed_data)  # field names, not labels
        return super().construct_change_message(request, form, formsets, add)

    def _fields(self, request, message) -> list[str]:
        names = getattr(request, "audit_admin_fields", None)
        return sorted(set(names))[:30] if names is not None else _changed_fields(message)

    def log_addition(self, request, obj, message):
        self._audit(request, obj, "added in the Django admin", self._fields(request, message))
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, obj, "changed in the Django admin", self._fields(request, message))
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "deleted in the Django admin")
        return super().log_deletions(request, queryset)


class AuditedUserAdmin(AuditedAdmin, UserAdmin):
    object_type = "user"


class AuditedGroupAdmin(AuditedAdmin, GroupAdmin):
    object_type = "group"


User = get_user_model()
for model, model_admin in ((User, AuditedUserAdmin), (Group, AuditedGroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
