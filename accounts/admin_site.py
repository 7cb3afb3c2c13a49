"""The Django admin for superusers only. An administrator (the portal role) manages staff at
/staff/accounts/; ``is_staff`` alone opens nothing here. Production mounts the admin only
when ``DJANGO_ADMIN_ENABLED`` is on (iop_portal/urls.py)."""

from django.contrib.admin import AdminSite


class SuperuserAdminSite(AdminSite):
    site_header = "IOP portal — superuser administration"

    def has_permission(self, request) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)
