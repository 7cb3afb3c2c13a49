"""One home for each word: the pure packages re-export ``core.vocabulary``, and every
table keyed by those words names each of them exactly once."""

from admissions import pipeline
from admissions.models import FollowUp, Referral
from core import vocabulary
from programs import matching
from programs.matching.words import LEVEL_WORDS
from screening import choices, scoring


def test_the_pure_packages_re_export_the_shared_levels_and_urgencies():
    assert scoring.LEVELS is matching.LEVELS is vocabulary.LEVELS
    assert scoring.URGENCIES is vocabulary.URGENCIES
    assert scoring.vocabulary.LEVEL_RANK is vocabulary.LEVEL_ORDER


def test_the_django_choices_are_the_shared_words_in_the_same_order():
    assert tuple(choices.Level.values) == vocabulary.LEVELS
    assert tuple(choices.Urgency.values) == vocabulary.URGENCIES
    assert tuple(choices.ContactMethod.values) == tuple(vocabulary.ContactMethod)
    assert tuple(choices.BestTime.values) == tuple(vocabulary.BestTime)


def test_tables_keyed_by_level_or_urgency_cover_each_word_once():
    assert tuple(LEVEL_WORDS) == vocabulary.LEVELS
    assert set(scoring.FIRST_CONTACT_HOURS) == set(vocabulary.URGENCIES)


def test_referral_statuses_are_the_pipeline_and_each_is_open_or_terminal():
    assert set(Referral.Status.values) == set(pipeline.TRANSITIONS)
    assert set(pipeline.OPEN) | set(pipeline.TERMINAL) == set(pipeline.TRANSITIONS)
    assert not set(pipeline.OPEN) & set(pipeline.TERMINAL)


def test_follow_up_kinds_are_named_once_on_the_model():
    assert set(FollowUp.NO_RESPONSE_KINDS) < set(FollowUp.APPLICANT_KINDS) < set(FollowUp.Kind)
