"""``core.compiled``: a read compiled once from the ORM gives what the ORM gives, with the
real values in the stand-ins' places, and refuses a statement it cannot fill safely."""

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.compiled import IN_STAND_IN, compiled, fetch, fetch_in, fetch_instances

pytestmark = pytest.mark.django_db
User = get_user_model()
NAME_STAND_IN = "compiled-name-stand-in"
SINCE_STAND_IN = datetime(1871, 3, 9, 1, 2, 3, tzinfo=UTC)
FIELDS = ("pk", "username", "is_active", "is_staff", "date_joined", "last_login")

_by_name_since = compiled(
    lambda: (
        User.objects.filter(username=NAME_STAND_IN, date_joined__gte=SINCE_STAND_IN)
        .order_by("pk")
        .values_list(*FIELDS)
    ),
    NAME_STAND_IN,
    SINCE_STAND_IN,
)
_by_ids = compiled(
    lambda: (
        User.objects.filter(pk__in=[IN_STAND_IN], is_active=True)
        .order_by("pk")
        .values_list(*FIELDS)
    )
)


def _people():
    now = timezone.now()
    return [
        User.objects.create(username="ana", date_joined=now - timedelta(days=3), last_login=now),
        User.objects.create(username="ben", is_active=False, date_joined=now),
        User.objects.create(username="cy", is_staff=True, date_joined=now - timedelta(days=9)),
    ]


def test_the_rows_are_the_orms_with_the_real_values_in_place():
    ana, ben, _ = _people()
    since = timezone.now() - timedelta(days=5)

    for person in (ana, ben):
        expected = list(
            User.objects.filter(username=person.username, date_joined__gte=since)
            .order_by("pk")
            .values_list(*FIELDS)
        )
        assert fetch(_by_name_since, person.username, since) == expected
        assert isinstance(expected[0][2], bool) and timezone.is_aware(expected[0][4])
    assert fetch(_by_name_since, "cy", since) == []  # joined before `since`
    assert fetch(_by_name_since, NAME_STAND_IN, since) == []


def test_an_in_list_takes_one_placeholder_per_id_and_none_is_not_read():
    ana, ben, cy = _people()
    ids = [cy.pk, ben.pk, ana.pk, 10**9]

    assert fetch_in(_by_ids, ids) == list(
        User.objects.filter(pk__in=ids, is_active=True).order_by("pk").values_list(*FIELDS)
    )
    with CaptureQueriesContext(connection) as captured:
        assert fetch_in(_by_ids, []) == []
    assert not captured.captured_queries


def test_a_statement_it_cannot_fill_safely_is_refused():
    pattern = compiled(
        lambda: User.objects.filter(username__contains=NAME_STAND_IN).values_list("pk"),
        NAME_STAND_IN,
    )
    with pytest.raises(ValueError, match="not a parameter of its own"):
        fetch(pattern, "ana")
    two_lists = compiled(
        lambda: User.objects.filter(pk__in=[IN_STAND_IN], groups__in=[IN_STAND_IN]).values_list(
            "pk"
        )
    )
    with pytest.raises(ValueError, match="exactly one IN list"):
        fetch_in(two_lists, [1])
    with pytest.raises(TypeError, match="2 values expected"):
        fetch(_by_name_since, "ana")


def test_instances_are_loaded_as_a_queryset_loads_them_by_a_uuid_too():
    from applicant.selectors import _by_public_id
    from screening.models import Screening
    from tests.admissions.factories import make_screening

    (screening, _), (other, _) = make_screening(), make_screening()

    (found,) = fetch_instances(_by_public_id, Screening, screening.public_id)
    expected = Screening.objects.get(pk=screening.pk)
    names = [field.attname for field in Screening._meta.concrete_fields]
    assert [getattr(found, n) for n in names] == [getattr(expected, n) for n in names]
    assert found._state.adding is False and found.pk != other.pk
    assert fetch_instances(_by_public_id, Screening, uuid4()) == []
    ana = User.objects.create(username="ana")
    with pytest.raises(ValueError, match="does not select every field"):
        fetch_instances(_by_name_since, User, "ana", ana.date_joined)
