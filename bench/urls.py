"""The project's URLs plus the bench-only baseline view."""

from django.urls import include, path

from bench.baseline_app import views

urlpatterns = [
    path("bench/baseline/", views.baseline, name="bench-baseline"),
    path("", include("iop_portal.urls")),
]
