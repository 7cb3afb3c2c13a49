"""``{% query_with %}``: the staff pages' links that change one filter keep every other
parameter, in place and encoded as Django's ``QueryDict.urlencode`` encodes them (the
expected links below are what the previous implementation, a ``QueryDict`` copy, wrote)."""

from django.template import Context, Template
from django.test import RequestFactory
from django.utils.html import escape

LINKS = Template(
    "{% load staff %}{% query_with status='all' partial=None %}|{% query_with page=3 %}"
    "|{% query_with q='' %}|{% query_with level='php' %}"
)
QUERY = "q=Ana+Mar%C3%ADa+%26+co&flag=self_harm&flag=psychosis&page=2&partial=rows&level=iop"


def test_links_keep_the_other_parameters_encoded_as_django_encodes_them():
    request = RequestFactory().get("/staff/referrals/?" + QUERY)

    links = LINKS.render(Context({"request": request})).split("|")

    assert links == [
        escape(link)  # in HTML, as the tag writes it
        for link in [
            "?q=Ana+Mar%C3%ADa+%26+co&flag=self_harm&flag=psychosis&level=iop&status=all",
            "?q=Ana+Mar%C3%ADa+%26+co&flag=self_harm&flag=psychosis&page=3&partial=rows&level=iop",
            "?flag=self_harm&flag=psychosis&partial=rows&level=iop",
            "?q=Ana+Mar%C3%ADa+%26+co&flag=self_harm&flag=psychosis&partial=rows&level=php",
        ]
    ]


def test_with_no_parameters_left_the_link_is_a_bare_question_mark():
    request = RequestFactory().get("/staff/referrals/?page=2")
    assert Template("{% load staff %}{% query_with %}").render(Context({"request": request})) == "?"
