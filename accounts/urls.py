from django.urls import path

from .views import links, mfa, staff_accounts

app_name = "accounts"

urlpatterns = [
    path("accounts/", staff_accounts.account_list, name="list"),
    path("accounts/invite/", staff_accounts.account_invite, name="invite"),
    path("accounts/<int:pk>/", staff_accounts.account_detail, name="detail"),
    path("accounts/<int:pk>/roles/", staff_accounts.account_roles, name="roles"),
    path("accounts/<int:pk>/deactivate/", staff_accounts.account_deactivate, name="deactivate"),
    path("accounts/<int:pk>/reactivate/", staff_accounts.account_reactivate, name="reactivate"),
    path("accounts/<int:pk>/mfa-reset/", staff_accounts.account_mfa_reset, name="mfa_reset"),
    path(
        "accounts/<int:pk>/end-sessions/", staff_accounts.account_sessions_end, name="end_sessions"
    ),
    path("accounts/<int:pk>/send-link/", staff_accounts.account_link_send, name="send_link"),
    path("mfa/enrol/", mfa.mfa_enrol_view, name="mfa_enrol"),
    path("mfa/verify/", mfa.mfa_verify_view, name="mfa_verify"),
    path("set-password/", links.link_set_password, name="link_set_password"),
    path("set-password/<str:token>/", links.link_open, name="link_open"),
]
