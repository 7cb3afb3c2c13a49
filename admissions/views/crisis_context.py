"""What the referral review page shows of the crisis pathway: the episodes with their alerts,
the lowered level waiting for co-sign, the safety assessment task, the promise made to the
person, and the forms this user may use (bound ones kept in place after an error)."""

from core import roles
from core.roles import has_permission

from ..crisis_forms import CosignForm, CrisisOutcomeForm, DeclineForm, SafetyAssessmentForm
from ..promises import contact_promise
from ..selectors.crisis import pending_override_request
from ..services.safety_assessments import safety_assessment_due


def _form(bound: dict, key: str, form_class):
    return bound.get(key) or form_class()


def crisis_context(request, referral, bound: dict) -> dict:
    user = request.user
    episodes = list(referral.crisis_episodes.all())
    pending = pending_override_request(referral)
    responder = has_permission(user, roles.RESPOND_CRISIS)
    clinician = has_permission(user, roles.OVERRIDE_LEVEL)
    context = {
        "crisis_episodes": episodes,
        "pending_request": pending,
        "promise": contact_promise(referral),
        "safety_due": safety_assessment_due(referral),
        "can_respond": responder,
    }
    if responder and any(episode.is_open for episode in episodes):
        context["outcome_form"] = _form(bound, "outcome_form", CrisisOutcomeForm)
    if responder and context["safety_due"]:
        context["safety_form"] = _form(bound, "safety_form", SafetyAssessmentForm)
    if pending is not None and clinician and pending.requested_by_id != user.pk:
        context["cosign_form"] = _form(bound, "cosign_form", CosignForm)
        context["decline_form"] = _form(bound, "decline_form", DeclineForm)
    return context
