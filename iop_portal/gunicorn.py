"""gunicorn's configuration (``gunicorn --config python:iop_portal.gunicorn``): what the
container runs and what the suite starts (tests/iop_portal/test_image_commands.py)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A sync worker is killed `timeout` seconds after a request starts, however busy it is, and
# a streamed response counts: the CSV export of the whole queue (a million referrals stream
# in about 45 s on 2 cores, bench/profiles.md) would be cut off mid-file at 30 s, and a cut
# CSV can pass for a whole one. 120 s covers it with room; a request that truly hangs holds
# its worker that long before it is replaced. GUNICORN_TIMEOUT to change (docs/operations.md).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
max_requests = 2000
max_requests_jitter = 200
# Access lines without query strings, screener pages or the referrer (iop_portal/access_log.py).
accesslog = "-"
errorlog = "-"
logger_class = "iop_portal.access_log.AccessLogger"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms'
