from django.urls import path

from . import staff_views as views

app_name = "rule_sets"

urlpatterns = [
    path("", views.rule_set_list, name="list"),
    path("publish/", views.rule_set_publish_view, name="publish"),
]
