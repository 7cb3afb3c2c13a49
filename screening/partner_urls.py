from django.urls import path

from . import partner_views as views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("<int:pk>/", views.partner_edit, name="edit"),
]
