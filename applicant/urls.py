from django.urls import path

from . import views

app_name = "applicant"

screener = views.ScreenerWizard.as_view(url_name="applicant:step", done_step_name="done")

urlpatterns = [
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("step/", screener, name="wizard"),
    path("step/<slug:step>/", screener, name="step"),
    path("crisis/", views.crisis, name="crisis"),
    path("crisis/signal/", views.crisis_signal, name="crisis_signal"),
    path("safety-check/", views.safety_check, name="safety_check"),
    path("too-young/", views.too_young, name="too_young"),
    path("save/", views.save_later, name="save_later"),
    path("resume/<str:token>/", views.resume, name="resume"),
    path("result/", views.result, name="result"),
    path("start-over/", views.start_over, name="start_over"),
]
