"""What a request may leave in a log: its method, a path without a query string (a staff
search term would otherwise be written down), nothing of the screener but its prefix (which
page a person reached, crisis included, and resume-link tokens stay out), and for a refused
request one line, never its traceback."""

import logging

SCREENER_PREFIX = "/screen/"
REDACTED_SCREENER_PATH = "/screen/…"
SET_PASSWORD_PREFIX = "/staff/set-password/"  # noqa: S105 - a URL prefix
REDACTED_SET_PASSWORD_PATH = "/staff/set-password/…"  # noqa: S105 - a URL prefix


def loggable_path(path: str) -> str:
    """``/staff/referrals/?q=Robin`` -> ``/staff/referrals/``;
    ``/screen/resume/<token>/`` -> ``/screen/…``."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    if path.startswith(SCREENER_PREFIX) and path != SCREENER_PREFIX:
        return REDACTED_SCREENER_PATH
    if path.startswith(SET_PASSWORD_PREFIX) and path != SET_PASSWORD_PREFIX:
        return REDACTED_SET_PASSWORD_PATH  # the link's token
    return path


def loggable_request_line(line: str) -> str:
    """``GET /x?y HTTP/1.1`` with its path made loggable."""
    parts = line.split(" ")
    if len(parts) == 3:
        parts[1] = loggable_path(parts[1])
        return " ".join(parts)
    return loggable_path(line)


class PathOnlyRequestLines(logging.Filter):
    """For ``django.server`` (runserver): its first argument is the request line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args and isinstance(record.args[0], str):
            record.args = (loggable_request_line(record.args[0]), *record.args[1:])
        return True


class OneLineForClientErrors(logging.Filter):
    """A 4xx (a refused or bad request) is the client's doing: log its one line and drop
    the traceback Django attaches to PermissionDenied and friends."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
