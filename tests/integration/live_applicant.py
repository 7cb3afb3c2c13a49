"""An applicant driving the real screener over HTTP (a live server, not the test client):
one POST per page with the page's prefix, the wizard's step and the CSRF token, as a
browser without JavaScript sends them. Every response status is kept."""

import re
from urllib.parse import urljoin

import requests

from tests.applicant.flow import ABOUT, CALM, CONSENT, CONTACT, DETAILS, PREFIX, TOPIC_ORDER

PAGES = (
    [("about", ABOUT), ("consent", CONSENT), ("contact", CONTACT)]
    + [(t, CALM[t]) for t in TOPIC_ORDER]
    + [("details", DETAILS)]
)
PERSON_PAGES = ("about", "contact", "details")
"""Pages asking about the person (each takes its own fields from a whole person's dict)."""


def with_person(pages: list, person: dict) -> list:
    """``pages`` with one person's details (``{**ABOUT, **CONTACT, **DETAILS}`` changed)."""
    return [(step, person if step in PERSON_PAGES else data) for step, data in pages]


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LiveApplicant:
    def __init__(self, base_url: str, statuses: list, **headers: str):
        self.base = base_url
        self.http = requests.Session()
        self.http.headers.update(headers)
        self.statuses = statuses

    def get(self, path: str) -> requests.Response:
        response = self.http.get(urljoin(self.base, path), allow_redirects=False, timeout=30)
        self.statuses.append((path, response.status_code))
        return response

    def post(self, path: str, data: dict) -> requests.Response:
        token = self._token(path)
        response = self.http.post(
            urljoin(self.base, path),
            data={**data, "csrfmiddlewaretoken": token},
            headers={"Referer": urljoin(self.base, path)},
            allow_redirects=False,
            timeout=30,
        )
        self.statuses.append((path, response.status_code))
        return response

    def _token(self, path: str) -> str:
        """The CSRF cookie once there is one (Django accepts its value in the form), else
        the token of the page the form is on, as a browser would have it."""
        if "csrftoken" in self.http.cookies:
            return self.http.cookies["csrftoken"]
        found = CSRF_INPUT.search(self.get(path).text)
        return found[1] if found else ""

    def answer(self, step: str, data: dict) -> requests.Response:
        payload: dict[str, object] = {f"{PREFIX}-current_step": step}
        payload.update({f"{step}-{name}": value for name, value in data.items()})
        return self.post(f"/screen/step/{step}/", payload)
