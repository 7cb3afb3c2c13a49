from django.urls import path

from . import offer_views
from .views import auth, crisis, outbox, queue, referral

app_name = "admissions"

urlpatterns: list = [
    path("", auth.staff_home, name="home"),
    path("login/", auth.StaffLoginView.as_view(), name="login"),
    path("logout/", auth.StaffLogoutView.as_view(), name="logout"),
    path("password/", auth.StaffPasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth.StaffPasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("referrals/", queue.queue, name="queue"),
    path("referrals/export.csv", queue.export_csv, name="queue_export"),
    path("referrals/<int:pk>/", referral.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/assign/", referral.referral_assign_view, name="referral_assign"),
    path("referrals/<int:pk>/status/", referral.referral_status_view, name="referral_status"),
    path("referrals/<int:pk>/notes/", referral.referral_note_view, name="referral_note"),
    path(
        "referrals/<int:pk>/contact-attempts/",
        referral.referral_contact_view,
        name="referral_contact",
    ),
    path("referrals/<int:pk>/offers/", offer_views.referral_offer_view, name="referral_offer"),
    path(
        "referrals/<int:pk>/offers/<int:offer_pk>/withdraw/",
        offer_views.referral_offer_withdraw_view,
        name="referral_offer_withdraw",
    ),
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", outbox.followup_retry_view, name="followup_retry"),
    path(
        "referrals/<int:pk>/override/",
        referral.referral_override_view,
        name="referral_override",
    ),
    # The crisis pathway (docs/crisis.md).
    path("crisis/<int:pk>/acknowledge/", crisis.crisis_acknowledge, name="crisis_acknowledge"),
    path(
        "referrals/<int:pk>/crisis/<int:episode_pk>/outcome/",
        crisis.crisis_outcome_view,
        name="crisis_outcome",
    ),
    path(
        "referrals/<int:pk>/override-requests/<int:request_pk>/cosign/",
        crisis.override_cosign_view,
        name="override_cosign",
    ),
    path(
        "referrals/<int:pk>/override-requests/<int:request_pk>/decline/",
        crisis.override_decline_view,
        name="override_decline",
    ),
    path(
        "referrals/<int:pk>/override-requests/<int:request_pk>/withdraw/",
        crisis.override_withdraw_view,
        name="override_withdraw",
    ),
    path(
        "referrals/<int:pk>/safety-assessment/",
        crisis.safety_assessment_view,
        name="safety_assessment",
    ),
]
