"""The screener's forms: one per page of the wizard (see ``applicant.steps``)."""

from screening.contact import phone_digits

from .about import AboutForm, ConsentForm, ContactForm, DetailsForm, ResumeLinkForm, ReviewForm
from .guardian import GuardianForm
from .phone import CallbackPhoneForm
from .topics import FOLLOW_UP_FORMS, TOPIC_FORMS, FollowUpForm, TopicForm

__all__ = [
    "FOLLOW_UP_FORMS",
    "TOPIC_FORMS",
    "AboutForm",
    "CallbackPhoneForm",
    "ConsentForm",
    "ContactForm",
    "DetailsForm",
    "FollowUpForm",
    "GuardianForm",
    "ResumeLinkForm",
    "ReviewForm",
    "TopicForm",
    "phone_digits",
]
