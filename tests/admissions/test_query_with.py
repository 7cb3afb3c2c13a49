"""``{% query_with %}``: the staff pages' links that change one filter keep every other
parameter, encoded exactly as Django's ``QueryDict.urlencode`` encodes them."""

from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.utils.html import escape

LINKS = Template(
    "{% load staff %}{% query_with status='all' partial=None %}|{% query_with page=3 %}"
    "|{% query_with q='' %}|{% query_with level='php' %}"
)


def _expected(query: str, **changes) -> str:
    params = QueryDict(query, mutable=True)
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return escape("?" + params.urlencode())  # in HTML, as the tag writes it


def test_links_keep_the_other_parameters_encoded_as_django_encodes_them():
    query = "q=Ana+Mar%C3%ADa+%26+co&flag=self_harm&flag=psychosis&page=2&partial=rows&level=iop"
    request = RequestFactory().get("/staff/referrals/?" + query)

    links = LINKS.render(Context({"request": request})).split("|")

    assert links == [
        _expected(query, status="all", partial=None),
        _expected(query, page=3),
        _expected(query, q=""),
        _expected(query, level="php"),
    ]
    assert links[0] == (
        "?q=Ana+Mar%C3%ADa+%26+co&amp;flag=self_harm&amp;flag=psychosis&amp;level=iop&amp;status=all"
    )


def test_with_no_parameters_left_the_link_is_a_bare_question_mark():
    request = RequestFactory().get("/staff/referrals/?page=2")
    assert Template("{% load staff %}{% query_with %}").render(Context({"request": request})) == "?"
