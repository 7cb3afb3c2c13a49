"""Root URL configuration: one namespace per app."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="applicant:start", permanent=False), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("screen/", include("applicant.urls")),
    path("programs/", include("programs.urls")),
    path("staff/audit/", include("audit.urls")),
    path("staff/programs/", include("programs.staff_urls")),
    path("staff/rule-sets/", include("screening.staff_urls")),
    path("staff/", include("admissions.urls")),
    path("django-admin/", admin.site.urls),
]
