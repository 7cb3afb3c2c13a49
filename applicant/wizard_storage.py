"""The screener wizard's storage: the session keeps which page the person is on and a flag
or two, never what they answered.

formtools' session storage would keep every page's POST in ``django_session`` — a second
copy of the answers, outliving the draft. Here the step data lives only in memory for one
request: the wizard rebuilds it from the draft row (the one copy) at the start of each
request (``ScreenerWizard._hydrate_if_needed``)."""

from formtools.wizard.storage.base import BaseStorage


class DraftBackedStorage(BaseStorage):
    persisted_keys = (BaseStorage.step_key, BaseStorage.extra_data_key)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_data()
        saved = self.request.session.get(self.prefix) or {}
        self.data[self.step_key] = saved.get(self.step_key)
        self.data[self.extra_data_key] = dict(saved.get(self.extra_data_key) or {})

    def update_response(self, response):
        """Write back the page name and flags (ids and booleans only)."""
        kept = {key: self.data[key] for key in self.persisted_keys if self.data[key]}
        if not kept:
            self.request.session.pop(self.prefix, None)
        elif self.request.session.get(self.prefix) != kept:
            self.request.session[self.prefix] = kept
        super().update_response(response)
