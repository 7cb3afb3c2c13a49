from django.urls import path

from . import offer_views
from .views import (
    auth,
    crisis,
    dashboard,
    deadlines,
    export,
    outbox,
    queue,
    referral,
    same_person,
    sent_messages,
    source_insurance,
    work,
)

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
    path("referrals/updates.json", queue.queue_updates_view, name="queue_updates"),
    path("referrals/assign/", queue.bulk_assign, name="queue_bulk_assign"),
    path("referrals/export.csv", export.export_csv, name="queue_export"),
    path("my-day/", queue.my_day_view, name="my_day"),
    path("deadlines/", deadlines.deadline_policy, name="deadline_policy"),
    path("messages/<int:pk>/", sent_messages.message_detail, name="message_detail"),
    path("referrals/<int:pk>/", referral.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/assign/", referral.referral_assign_view, name="referral_assign"),
    path("referrals/<int:pk>/status/", referral.referral_status_view, name="referral_status"),
    path("referrals/<int:pk>/notes/", referral.referral_note_view, name="referral_note"),
    path(
        "referrals/<int:pk>/contact-attempts/",
        referral.referral_contact_view,
        name="referral_contact",
    ),
    path(
        "referrals/<int:pk>/same-person/<int:flag_pk>/",
        same_person.same_person_view,
        name="same_person",
    ),
    path(
        "referrals/<int:pk>/same-person/<int:flag_pk>/dismiss/",
        same_person.same_person_dismiss_view,
        name="same_person_dismiss",
    ),
    path("referrals/<int:pk>/consent/", work.consent_view, name="referral_consent"),
    path(
        "referrals/<int:pk>/source/",
        source_insurance.referral_source_view,
        name="referral_source",
    ),
    path(
        "referrals/<int:pk>/insurance/",
        source_insurance.referral_insurance_view,
        name="referral_insurance",
    ),
    path(
        "referrals/<int:pk>/insurance/check/",
        source_insurance.referral_eligibility_view,
        name="referral_eligibility",
    ),
    path("dashboard/", dashboard.dashboard_view, name="dashboard"),
    path("dashboard/<slug:table>.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path(
        "referrals/<int:pk>/assessments/",
        work.assessment_schedule_view,
        name="assessment_schedule",
    ),
    path(
        "referrals/<int:pk>/assessments/<int:assessment_pk>/reschedule/",
        work.assessment_reschedule_view,
        name="assessment_reschedule",
    ),
    path(
        "referrals/<int:pk>/assessments/<int:assessment_pk>/cancel/",
        work.assessment_cancel_view,
        name="assessment_cancel",
    ),
    path(
        "referrals/<int:pk>/assessments/<int:assessment_pk>/outcome/",
        work.assessment_outcome_view,
        name="assessment_outcome",
    ),
    path("referrals/<int:pk>/waitlist/", work.waitlist_add_view, name="waitlist_add"),
    path(
        "referrals/<int:pk>/waitlist/<int:entry_pk>/remove/",
        work.waitlist_remove_view,
        name="waitlist_remove",
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
