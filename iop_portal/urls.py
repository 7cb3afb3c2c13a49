"""Root URL configuration: one namespace per app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="applicant:start", permanent=False), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the switcher's form
    re_path(
        rf"^(?P<language>{'|'.join(code for code, _ in settings.LANGUAGES)})/(?P<rest>.*)$",
        views.language_link,
        name="language_link",
    ),
    path("screen/", include("applicant.urls")),
    path("programs/", include("programs.urls")),
    path("staff/audit/", include("audit.urls")),
    path("staff/programs/", include("programs.staff_urls")),
    path("staff/rule-sets/", include("screening.staff_urls")),
    path("staff/partners/", include("screening.partner_urls")),
    path("staff/", include("accounts.urls")),
    path("staff/", include("admissions.urls")),
    path("sms/", include("admissions.sms_urls")),
]
if settings.DJANGO_ADMIN_ENABLED:
    # Superusers only (accounts/admin_site.py); production mounts it only when asked.
    urlpatterns.append(path("django-admin/", admin.site.urls))

handler500 = "iop_portal.errors.server_error"
