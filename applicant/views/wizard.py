"""The screener itself: a django-formtools wizard with one page per topic.

Each completed page is saved into the draft Screening, the one copy of the answers: the
wizard's storage keeps only the page name in the session and rebuilds every page's data from
the draft at the start of each request (``applicant.wizard_storage``). Conditional questions
are revealed inline by script; without script the topic's follow-up page asks them. Safety
answers showing acute risk lead straight to the crisis page, after the referral has been
opened and the alert queued (with script the safety page has done that already, the moment
the answer was chosen: ``views.crisis``); a positive safety screen without a crisis leads to
its acknowledgement page.
"""

from datetime import date

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from formtools.wizard.views import NamedUrlSessionWizardView

from admissions.services.intake import (
    referral_open_for_crisis,
    referral_open_for_safety_concern,
    referral_open_for_submission,
)
from screening.answers import crisis_indicated, merge_answers, non_acute_positive
from screening.models import Screening
from screening.scoring import AnswerValidationError
from screening.services import (
    ScreeningClosed,
    screening_create,
    screening_discard,
    screening_save_step,
)

from ..forms import (
    FOLLOW_UP_FORMS,
    TOPIC_FORMS,
    AboutForm,
    ConsentForm,
    ContactForm,
    DetailsForm,
    GuardianForm,
    ReviewForm,
    TopicForm,
)
from ..forms import source as source_step
from ..forms.about import CONSENT_FIELDS
from ..forms.codec import encode
from ..forms.guardian import is_minor
from ..partner_link import partner_link_apply
from ..review import review_sections
from ..selectors import screening_for_session
from ..session import SESSION_KEY, session_forget, session_keep_for_result, session_remember
from ..steps import (
    ANSWER_STEP,
    FOLLOW_UPS,
    GROUPS_BY_KEY,
    GUARDIAN,
    ORDER,
    REVIEW,
    SOURCE,
    TOPIC_COUNT,
    topic_of,
)
from ..wording import say
from .crisis import safety_page_context
from .limits import limit_posts

FORM_CLASSES = {
    "about": AboutForm,
    GUARDIAN: GuardianForm,
    "consent": ConsentForm,
    "contact": ContactForm,
    **TOPIC_FORMS,
    "details": DetailsForm,
    **{step: FOLLOW_UP_FORMS[topic] for step, topic in FOLLOW_UPS.items()},
    SOURCE: source_step.HeardFromForm,
    REVIEW: ReviewForm,
}
FORM_LIST = [(step, FORM_CLASSES[step]) for step in ORDER]
PERSON_FORMS = {
    "about": AboutForm,
    GUARDIAN: GuardianForm,
    "contact": ContactForm,
    "details": DetailsForm,
}
"""Pages whose fields are the person's own details (not answers), each saved as it is sent."""
PAGE_INTROS = {
    "about": gettext_lazy(
        "First, your date of birth: this screener is for people aged 12 and over."
    ),
    "contact": gettext_lazy(
        "Just enough to reach you, quickly if you need help. We ask for the rest after "
        "the questions about how you've been."
    ),
    "details": gettext_lazy(
        "Last, a few details so we can find care near you. Everything is needed unless it "
        "says optional."
    ),
    "consent": gettext_lazy("Before the questions about how you've been, we need your agreement."),
    GUARDIAN: gettext_lazy(
        "You are under 18, so we also need a parent or guardian we can contact. We will "
        "talk with you first, and tell you what we share with them."
    ),
    SOURCE: source_step.INTRO,
}
SUBMIT_TROUBLE = gettext_lazy(
    "Sorry, one of your answers didn't save properly. Please check this page and send it "
    "again. Nothing else has been lost."
)


def _needs_follow_up(topic: str):
    def condition(wizard: "ScreenerWizard") -> bool:
        form = wizard.topic_form(topic)
        return form is not None and bool(form.missing_follow_ups())

    return condition


def _is_minor(wizard: "ScreenerWizard") -> bool:
    """Under 18 by the date of birth on the "about you" page (as just sent, else as saved)."""
    return is_minor(wizard.birth_date())


@method_decorator(limit_posts, name="post")
class ScreenerWizard(NamedUrlSessionWizardView):
    form_list = FORM_LIST
    condition_dict = {
        **{step: _needs_follow_up(topic) for step, topic in FOLLOW_UPS.items()},
        GUARDIAN: _is_minor,
    }
    template_name = "applicant/step.html"
    storage_name = "applicant.wizard_storage.DraftBackedStorage"

    def get_prefix(self, request, *args, **kwargs) -> str:
        return "screener"

    def get_template_names(self) -> list[str]:
        if self.steps.current == REVIEW:
            return ["applicant/review.html"]
        return [self.template_name]

    # --- request handling -------------------------------------------------------------

    def dispatch(self, request, *args, **kwargs) -> HttpResponse:
        self.screening = screening_for_session(request)
        self._topic_forms: dict[tuple, TopicForm | None] = {}
        if self.screening is not None and self.screening.status == Screening.Status.SUBMITTED:
            return redirect("applicant:result")
        if self.screening is None and SESSION_KEY in request.session:
            session_forget(request)  # the draft is gone (purged or refused): start clean
        partner_link_apply(request, self.screening)  # a partner link opened before the draft
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs) -> HttpResponse:
        self._hydrate_if_needed()
        step = kwargs.get("step")
        if step is not None and step != self.done_step_name and step not in self.get_form_list():
            # An old or unknown page (e.g. a follow-up no longer needed): go where they were.
            target = self._first_open_step() or REVIEW
            self.storage.current_step = target
            return redirect(self.get_step_url(target))
        if step in self.get_form_list():
            blocked = self._skipping_ahead(step)
            if blocked:
                return blocked
            if step == REVIEW:
                self.storage.extra_data = {**self.storage.extra_data, "reviewing": True}
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs) -> HttpResponse:
        self._hydrate_if_needed()
        posted = self.request.POST.get(f"{self.prefix}-current_step", "")
        if posted not in self.get_form_list():
            return redirect(self.get_step_url(self.steps.current or self.steps.first))
        blocked = self._skipping_ahead(posted)
        if blocked:
            if posted == REVIEW:  # sending the answers, but the draft lacks a page
                messages.error(self.request, SUBMIT_TROUBLE)
            return blocked
        return super().post(*args, **kwargs)

    def render(self, form=None, **kwargs) -> HttpResponse:
        # A page opened again shows what was saved, never errors for stale data.
        stale = form is not None and form.is_bound and not form.is_valid()
        if self.request.method == "POST" and stale:
            interrupt = self._crisis_despite_errors(form)
            if interrupt is not None:
                return interrupt
        if self.request.method == "GET" and stale:
            form = self.get_form(step=self.steps.current)
        return super().render(form, **kwargs)

    # --- forms ------------------------------------------------------------------------

    def get_form_kwargs(self, step=None) -> dict:
        step = step or self.steps.current
        context: dict[str, object] = {}
        if step == "consent" and self.screening is not None:
            context = {"minor": is_minor(self.screening.date_of_birth)}
        elif step in FOLLOW_UPS:
            main = self.topic_form(FOLLOW_UPS[step])
            context = dict(main.answers) if main is not None else {}
        return {"context": context}

    def get_form_initial(self, step) -> dict:
        screening = self.screening
        if screening is None:
            return {}
        if step in PERSON_FORMS:
            return PERSON_FORMS[step].data_from_screening(screening) or {}
        if step == "consent":
            return {name: getattr(screening, name) for name in CONSENT_FIELDS}
        if step == SOURCE:
            return source_step.HeardFromForm.data_from_screening(screening)
        return {code: encode(value) for code, value in screening.answers.items()}

    def get_form_step_data(self, form) -> dict[str, list[str]]:
        """Keep only this page's own fields (no CSRF token, no other pages' keys)."""
        prefix = f"{form.prefix}-"
        return {key: form.data.getlist(key) for key in form.data if key.startswith(prefix)}

    def topic_form(self, topic: str) -> TopicForm | None:
        """The topic page's form bound to its stored data, if that data is valid. Cached per
        version of the stored data, which changes in the middle of a POST."""
        data = self.storage.get_step_data(topic)
        key = (topic, repr(sorted(data.lists())) if data is not None else None)
        if key not in self._topic_forms:
            form = None
            if data is not None:
                form = FORM_CLASSES[topic](
                    data=data, prefix=self.get_form_prefix(topic), reading_only=True
                )
                if not form.is_valid():
                    form = None
            self._topic_forms[key] = form
        return self._topic_forms[key]

    # --- moving between pages ---------------------------------------------------------

    def render_next_step(self, form, **kwargs) -> HttpResponse:
        step = self.steps.current
        if step == "about" and hasattr(self, "_resolved_form_list"):
            del self._resolved_form_list  # the date of birth decides the guardian page
        next_step = self.steps.next
        try:
            interrupt = self._save(step, form, next_step)
        except ScreeningClosed:
            return redirect("applicant:result")
        if interrupt is not None:
            return interrupt
        if self.storage.extra_data.get("reviewing"):
            if not (next_step in FOLLOW_UPS and FOLLOW_UPS[next_step] == step):
                next_step = self._first_open_step() or REVIEW
            self.storage.current_step = next_step
            return redirect(self.get_step_url(next_step))
        return super().render_next_step(form, **kwargs)

    def _save(self, step: str, form, next_step: str) -> HttpResponse | None:
        """Persist one page into the draft. Returns a response when the flow must change
        course (too young, or a crisis)."""
        if step == "about":
            if form.too_young:
                return self._refuse_too_young()
            if self.screening is None:
                self.screening = screening_create()
                session_remember(self.request, self.screening)
            self.screening = screening_save_step(
                screening=self.screening,
                fields=form.fields_to_save,
                current_step=self._furthest(next_step),
            )
            return None
        if self.screening is None:
            return redirect(self.get_step_url(self.steps.first))
        if step in PERSON_FORMS:
            self.screening = screening_save_step(
                screening=self.screening,
                fields=form.fields_to_save,
                current_step=self._furthest(next_step),
            )
            return None
        if step == "consent":
            fields = {name: form.cleaned_data.get(name, False) for name in CONSENT_FIELDS}
            self.screening = screening_save_step(
                screening=self.screening, fields=fields, current_step=self._furthest(next_step)
            )
            return None
        if step == SOURCE:
            self.screening = screening_save_step(
                screening=self.screening,
                fields=form.draft_fields,
                current_step=self._furthest(next_step),
            )
            return None
        answers = form.step_answers()
        topic = topic_of(step)
        if topic is not None and topic.step == "safety":
            interrupt = self._save_safety(form, answers, next_step)
            if interrupt is not None:
                return interrupt
        self.screening = screening_save_step(
            screening=self.screening, answers=answers, current_step=self._furthest(next_step)
        )
        return None

    def _save_safety(self, form, answers: dict, next_step: str) -> HttpResponse | None:
        """A crisis goes to the crisis page, a positive screen without one to its
        acknowledgement (once the follow-up page, if needed, has asked the rest), each after
        its referral is open; otherwise the page saves as any other."""
        merged = merge_answers(self.screening.answers, answers)
        pending = bool(getattr(form, "missing_follow_ups", list)())
        if crisis_indicated(merged):
            open_referral, page = referral_open_for_crisis, "applicant:crisis"
        elif non_acute_positive(merged) and not pending:
            open_referral, page = referral_open_for_safety_concern, "applicant:safety_check"
        else:
            return None
        open_referral(
            screening=self.screening, answers=answers, current_step=self._furthest(next_step)
        )
        self.storage.current_step = next_step
        return redirect(page)

    def _crisis_despite_errors(self, form) -> HttpResponse | None:
        """A crisis answer on a safety page sent with other questions unanswered: help comes
        first. The valid answers are saved, the referral opened, and the page waits."""
        step = self.steps.current
        topic = topic_of(step)
        if self.screening is None or topic is None or topic.step != "safety":
            return None
        answers = dict(getattr(form, "answers", {}))
        if not crisis_indicated(merge_answers(self.screening.answers, answers)):
            return None
        referral_open_for_crisis(
            screening=self.screening, answers=answers, current_step=self._furthest(step)
        )
        self.storage.current_step = step
        return redirect("applicant:crisis")

    def _furthest(self, step: str) -> str:
        """Where to resume: going back to change a page never moves that point back."""
        saved = self.screening.current_step if self.screening is not None else ""
        if saved in ORDER and step in ORDER and ORDER.index(saved) > ORDER.index(step):
            return saved
        return step

    def _refuse_too_young(self) -> HttpResponse:
        if self.screening is not None:
            screening_discard(screening=self.screening)
        self.storage.reset()
        session_forget(self.request)
        return redirect("applicant:too_young")

    def render_done(self, form, **kwargs) -> HttpResponse:
        """Submit within the review page's POST. (formtools' named-URL wizard redirects to a
        "done" URL first and submits on that GET, from data its session kept; this storage
        keeps none between requests.) A GET of the done URL goes back to the review.

        The answers are validated once, by the rule set, as they are scored
        (``screening_submit``), and not by building every page's form again as formtools
        does: each page was saved into the draft only from its own valid form, ``post`` has
        already sent the person back to any page the draft lacks, and the pages are rebuilt
        from that same draft, so a second pass could only repeat the first."""
        if self.request.method != "POST":
            target = self._first_open_step() or REVIEW
            self.storage.current_step = target
            return redirect(self.get_step_url(target))
        response = self.done([], **kwargs)
        self.storage.reset()
        return response

    def done(self, form_list, **kwargs) -> HttpResponse:
        if self.screening is None:
            return redirect("applicant:start")
        try:
            with transaction.atomic():  # the submission and the session: one commit
                referral_open_for_submission(screening=self.screening)
                session_keep_for_result(self.request)
        except AnswerValidationError as error:
            # A step form let through something the rule set refuses: send the person back
            # to the page that asks it, kindly. (Only the code is known here, never a value.)
            code = next(iter(error.errors), "age")
            step = ANSWER_STEP.get(code, "about")
            messages.error(self.request, SUBMIT_TROUBLE)
            self.storage.current_step = step
            return redirect(self.get_step_url(step))
        return redirect("applicant:result")

    # --- helpers ----------------------------------------------------------------------

    def birth_date(self) -> date | None:
        data = self.storage.get_step_data("about") if hasattr(self, "storage") else None
        if data is not None:
            prefix = self.get_form_prefix("about")
            try:
                return date(
                    int(data.get(f"{prefix}-dob_year", "")),
                    int(data.get(f"{prefix}-dob_month", "")),
                    int(data.get(f"{prefix}-dob_day", "")),
                )
            except (TypeError, ValueError):
                pass
        return self.screening.date_of_birth if self.screening is not None else None

    def _stored_steps(self) -> dict:
        return self.storage.data[self.storage.step_data_key]

    def _first_open_step(self) -> str | None:
        stored = self._stored_steps()
        return next((step for step in self.get_form_list() if step not in stored), None)

    def _skipping_ahead(self, step: str) -> HttpResponse | None:
        """Pages are answered in order: a later page cannot be opened before earlier ones."""
        first_open = self._first_open_step()
        steps = list(self.get_form_list())
        if first_open is not None and steps.index(step) > steps.index(first_open):
            self.storage.current_step = first_open
            return redirect(self.get_step_url(first_open))
        return None

    def _hydrate_if_needed(self) -> None:
        """Rebuild the wizard's pages from the draft (every request: the session keeps no
        answers; and a new session or another device starts where the draft stopped)."""
        if self.screening is None or self._stored_steps():
            return
        pages: dict[str, dict] = {}
        for step, form_class in PERSON_FORMS.items():
            data = form_class.data_from_screening(self.screening)
            if data is not None:
                pages[step] = data
        consent = ConsentForm.data_from_screening(self.screening)
        if consent is not None:
            pages["consent"] = consent
        # A page with nothing required (goals) counts as done only once the person got past it.
        reached = (
            ORDER.index(self.screening.current_step) if self.screening.current_step in ORDER else 0
        )
        for topic, form_class in TOPIC_FORMS.items():
            data = form_class.data_from_answers(self.screening.answers)
            if data is not None and (data or ORDER.index(topic) < reached):
                pages[topic] = data
        heard = source_step.HeardFromForm.data_from_screening(self.screening)
        # Optional and last: counts as done once the person reached it, so sending the
        # review never waits on it.
        if heard or ORDER.index(SOURCE) <= reached:
            pages[SOURCE] = heard
        for step, data in pages.items():
            prefix = self.get_form_prefix(step)
            self.storage.set_step_data(
                step,
                {
                    f"{prefix}-{name}": value if isinstance(value, list) else [value]
                    for name, value in data.items()
                },
            )
        if hasattr(self, "_resolved_form_list"):
            del self._resolved_form_list
        if self.storage.current_step not in self.get_form_list():  # a new session
            self.storage.current_step = self._first_open_step() or REVIEW

    # --- page context -----------------------------------------------------------------

    def get_context_data(self, form, **kwargs) -> dict:
        context = super().get_context_data(form=form, **kwargs)
        step = self.steps.current
        topic = topic_of(step)
        group = GROUPS_BY_KEY.get(topic.step) if topic else None
        steps = list(self.get_form_list())
        index = steps.index(step)
        context.update(
            topic=topic,
            topic_count=TOPIC_COUNT,
            progress=(topic.number - 1) if topic else TOPIC_COUNT,
            is_follow_up=step in FOLLOW_UPS,
            progress_label=source_step.PROGRESS if step == SOURCE else "",
            heading=self._heading(step, topic),
            intro=say(group.intro if group and step not in FOLLOW_UPS else "")
            or PAGE_INTROS.get(step, ""),
            stem=say(group.stem if group and step not in FOLLOW_UPS else ""),
            back_url=(self.get_step_url(steps[index - 1]) if index else reverse("applicant:start")),
            error_list=_error_list(form),
            can_save_later=self.screening is not None,
            **safety_page_context(step, self.screening),
        )
        if step == REVIEW and self.screening is not None:
            context["sections"] = review_sections(self.screening, self.get_step_url)
        return context

    @staticmethod
    def _heading(step: str, topic) -> str:
        if step == REVIEW:
            return _("Check your answers")
        if step in FOLLOW_UPS:
            return _("A few more questions")
        if step == SOURCE:
            return str(source_step.HEADING)
        if step == GUARDIAN:
            return _("A parent or guardian")
        return say(topic.title) if topic else ""


def _error_list(form) -> list[dict[str, str]]:
    """Entries for the error summary: the question, the message, and the input to focus."""
    if form is None or not form.is_bound or not form.errors:
        return []
    entries = []
    for name in form.fields:  # in page order
        errors = form.errors.get(name)
        if not errors:
            continue
        bound = form[name]
        many = bound.field.widget.__class__.__name__ in ("RadioSelect", "CheckboxSelectMultiple")
        label = getattr(bound.field, "summary_label", "") or strip_tags(str(bound.label))
        entries.append(
            {
                "label": label,
                "message": errors[0],
                "anchor": f"{bound.auto_id}_0" if many else bound.auto_id,
            }
        )
    return entries
