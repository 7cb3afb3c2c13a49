"""gunicorn's configuration (``gunicorn --config python:iop_portal.gunicorn``): what the
container runs and what the suite starts (tests/iop_portal/test_image_commands.py)."""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
max_requests = 2000
max_requests_jitter = 200
# Access lines without query strings, screener pages or the referrer (iop_portal/access_log.py).
accesslog = "-"
errorlog = "-"
logger_class = "iop_portal.access_log.AccessLogger"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms'
