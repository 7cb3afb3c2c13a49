"""The same-person match query runs from SQL compiled once per identity shape
(``same_person.open_matches``): it must find exactly what the ORM query it was compiled from
finds, for every shape of identity and for names holding LIKE's special characters."""

from datetime import date

import pytest

from admissions.models import Referral
from admissions.services.same_person import _candidates, open_matches
from tests.admissions.factories import make_referral

pytestmark = pytest.mark.django_db
BORN = date(1990, 4, 2)


def _person(first: str, last: str, email: str, phone: str) -> dict:
    return {"first_name": first, "last_name": last, "email": email, "phone": phone}


def _ids(referrals) -> list[int]:
    return [r.pk for r in referrals]


@pytest.fixture
def crowd():
    """Referrals sharing some key with the probes below, and some sharing none."""
    people = [
        _person("Ana", "Diaz", "ana@example.org", "(555) 201-0001"),
        _person("ana ", " DIAZ", "other@example.org", ""),
        _person("Bo", "Li", "", "555-201-0001"),
        _person("Al_x", "O%Neil", "", ""),
        _person("Alxx", "OxNeil", "", ""),
        _person("Cy", "Wu", "cy@example.org", "(555) 201-0009"),
    ]
    made = [make_referral(date_of_birth=BORN, **person) for person in people]
    closed = make_referral(
        date_of_birth=BORN, first_name="Ana", last_name="Diaz", email="ana@example.org"
    )
    Referral.objects.filter(pk=closed.pk).update(status=Referral.Status.CLOSED)
    return made


@pytest.mark.parametrize(
    "probe",
    [
        _person("Ana", "Diaz", "ANA@example.org", "555 201 0001"),
        _person("ANA", "diaz", "", ""),
        _person("", "Diaz", "", "(555) 201-0001"),
        _person("Zed", "Q", "cy@example.org", ""),
        _person("Al_x", "O%Neil", "", ""),
        _person("Nobody", "Here", "no@example.org", "555-999-0000"),
    ],
)
def test_the_compiled_match_finds_what_the_orm_query_finds(crowd, probe):
    referral = make_referral(date_of_birth=BORN, **probe)
    expected = _ids(_candidates(referral))
    found = open_matches(referral)

    assert _ids(found) == expected
    assert all(isinstance(other, Referral) and other.created_at for other in found)


def test_the_compiled_match_is_not_fooled_by_like_wildcards(crowd):
    referral = make_referral(date_of_birth=BORN, first_name="Al_x", last_name="O%Neil")
    names = {(r.first_name, r.last_name) for r in open_matches(referral)}

    assert names == {("Al_x", "O%Neil")}  # not "Alxx OxNeil", which _ and % would match
