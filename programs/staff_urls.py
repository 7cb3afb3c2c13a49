from django.urls import path

from . import staff_views as views

app_name = "programs_staff"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("new/", views.program_create, name="create"),
    path("<int:pk>/edit/", views.program_edit, name="edit"),
    path("<int:pk>/capacity/", views.program_capacity, name="capacity"),
    path("<int:pk>/deactivate/", views.program_active, {"active": False}, name="deactivate"),
    path("<int:pk>/activate/", views.program_active, {"active": True}, name="activate"),
]
