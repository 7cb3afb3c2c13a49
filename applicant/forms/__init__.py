"""The screener's forms: one per page of the wizard (see ``applicant.steps``)."""

from .about import AboutForm, ConsentForm, ResumeLinkForm, ReviewForm, phone_digits
from .topics import FOLLOW_UP_FORMS, TOPIC_FORMS, FollowUpForm, TopicForm

__all__ = [
    "FOLLOW_UP_FORMS",
    "TOPIC_FORMS",
    "AboutForm",
    "ConsentForm",
    "FollowUpForm",
    "ResumeLinkForm",
    "ReviewForm",
    "TopicForm",
    "phone_digits",
]
