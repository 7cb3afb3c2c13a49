"""Staff sign-in, sign-out and password change."""

import time

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy

from accounts.services.set_password_links import password_changed
from accounts.services.staff_sessions import session_forget, session_record
from core import roles
from core.roles import has_permission

from ..middleware import SESSION_STARTED_KEY


class StaffLoginView(auth_views.LoginView):
    template_name = "admissions/login.html"
    redirect_authenticated_user = True
    next_page = "admissions:home"  # sends each role to its own start page

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[SESSION_STARTED_KEY] = int(time.time())
        return response


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    """``/staff/``: the start page for the signed-in user's role."""
    user = request.user
    if has_permission(user, roles.VIEW_REFERRAL):
        return redirect("admissions:queue")
    if has_permission(user, roles.VIEW_PROGRAM):
        return redirect("/staff/programs/")
    if has_permission(user, roles.VIEW_AUDIT):
        return redirect("audit:event_list")
    raise PermissionDenied


class StaffLogoutView(auth_views.LogoutView):
    pass


class StaffPasswordChangeView(auth_views.PasswordChangeView):
    """Changing the password signs out every other session of this user (Django's session
    auth hash changes); this one stays signed in."""

    template_name = "admissions/password_change.html"
    success_url = reverse_lazy("admissions:password_change_done")

    def form_valid(self, form):
        old_key = self.request.session.session_key
        response = super().form_valid(form)  # cycles this session's key
        session_forget(session_key=old_key)
        session_record(user_id=self.request.user.pk, session_key=self.request.session.session_key)
        password_changed(request=self.request, user=self.request.user)
        return response


class StaffPasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "admissions/password_change_done.html"
