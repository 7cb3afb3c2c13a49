"""On a 390 x 844 phone, the mood questions (PHQ-9 and its difficulty item) fit on two screens
in both languages, and the shared stem stays in view while the person scrolls."""

import pytest
from django.conf import settings
from django.test import Client

from tests.applicant.flow import answer_until
from tests.fixtures.browser import PHONE

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_mood_questions_fit_on_two_phone_screens_under_their_stem(
    chromium_browser, live_server, transactional_db, lang
):
    context = chromium_browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    answer_until(client, "contact")
    cookies = [
        (settings.LANGUAGE_COOKIE_NAME, lang),
        (settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value),
    ]
    context.add_cookies([{"name": n, "value": v, "url": live_server.url} for n, v in cookies])
    page = context.new_page()
    page.goto(live_server.url + "/screen/step/mood/")

    questions = page.locator(".screener-form .question")
    assert questions.count() == 10
    top = questions.first.bounding_box()["y"]
    last = questions.last.bounding_box()
    assert last["y"] + last["height"] - top <= 2 * PHONE["height"]

    questions.nth(7).scroll_into_view_if_needed()  # halfway down: the stem is still on screen
    stem = page.locator("#stem").bounding_box()
    assert 0 <= stem["y"] < PHONE["height"] / 4
    context.close()
