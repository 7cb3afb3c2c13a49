"""Fixtures for the follow-up tests: a clean SMS outbox, and a broker assumed up at the start
of every test. (Staff fixtures are in tests/conftest.py.)"""

import pytest

from admissions.messaging import sms
from admissions.services import followups


@pytest.fixture(autouse=True)
def _clean_outboxes(monkeypatch):
    sms.outbox.clear()
    monkeypatch.setattr(followups, "_broker_down_until", 0.0)
    yield
    sms.outbox.clear()
