"""Settings shared by every environment, configured from the environment (django-environ)."""

import tempfile
from pathlib import Path

import environ
from csp import constants as csp

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A developer's .env is read only when asked for (as cookiecutter-django does), so it never
# leaks into tests or into a process that was given its environment explicitly.
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(
        env.path("DJANGO_DOT_ENV_FILE", default=BASE_DIR / ".env"), overwrite=False
    )

SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # The Django admin, for superusers only (accounts/admin_site.py).
    "accounts.apps.SuperuserAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "formtools",
    "django_filters",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "iop_portal.apps.PortalConfig",
    "audit",
    "accounts.apps.AccountsConfig",
    "screening",
    "admissions",
    "programs",
    "applicant",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "iop_portal.headers.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Language: the switcher's cookie, else Accept-Language (after sessions, before common).
    "django.middleware.locale.LocaleMiddleware",
    # Staff pages in English whatever the cookie; /es/... links set the cookie.
    "iop_portal.middleware.SiteLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "admissions.middleware.StaffSessionLifetimeMiddleware",
    # A signed-in person who has not passed the second factor reaches only enrol, verify and
    # sign-out (STAFF_MFA_REQUIRED).
    "accounts.middleware.StaffMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Content security policy (django-csp): scripts and styles from this site only, plus any
# inline element carrying the request's nonce ({{ request.csp_nonce }}); no inline style
# attributes, no plugins, no framing, forms post only here. Enforced everywhere, so a
# violation shows up in development and in the browser tests before it reaches production.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF, csp.NONCE],
        "style-src": [csp.SELF, csp.NONCE],
        "img-src": [csp.SELF, "data:"],  # Bootstrap draws its icons as data: SVG
        "font-src": [csp.SELF],
        "connect-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.NONE],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Pages under these paths can show a person's answers, results or contact details: they
# are sent with Cache-Control: no-store (iop_portal/headers.py).
NO_STORE_PATH_PREFIXES = ("/screen/", "/staff/", "/django-admin/")

ROOT_URLCONF = "iop_portal.urls"
WSGI_APPLICATION = "iop_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "iop_portal.context_processors.site",
                "iop_portal.context_processors.crisis",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisCache",  # Django's, reusing its Redis clients
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with the permission look-ups in one query (accounts/backends.py).
    "accounts.backends.PortalModelBackend",
]
LOGIN_URL = "admissions:login"
LOGIN_REDIRECT_URL = "admissions:queue"
LOGOUT_REDIRECT_URL = "admissions:login"

# Brute-force protection on the staff login (django-axes, accounts/lockout.py): within
# AXES_COOLOFF_TIME, AXES_FAILURE_LIMIT failures for one username from any mix of addresses
# lock that username, and AXES_ADDRESS_FAILURE_LIMIT failures from one address for any mix
# of usernames lock that address. A success clears only that username's count.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "accounts.lockout.SpreadResistantHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admissions/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
# The attempted username as axes records it, cut to what a username can be (150): a longer
# one cannot belong to anybody, and axes' column would refuse it.
AXES_USERNAME_CALLABLE = "admissions.sign_in.attempted_username"

# How many reverse proxies (load balancer, nginx) stand in front of the application and
# append to X-Forwarded-For. 0: the header is ignored and REMOTE_ADDR is the client. Rate
# limits, the sign-in lockout and audit rows all take the address from core.client_address.
TRUSTED_PROXY_HOPS = env.int("TRUSTED_PROXY_HOPS", default=0)

# Database sessions, an existing one saved by one UPDATE (core/sessions.py).
SESSION_ENGINE = "core.sessions"
# Staff sessions: 30 minutes idle, 12 hours absolute.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# Saved when changed, not on every request: the staff activity stamp (and with it the idle
# expiry) is renewed at most once a minute (admissions/middleware.py).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ACTIVITY_STAMP_SECONDS = env.int("SESSION_ACTIVITY_STAMP_SECONDS", default=60)
SESSION_ABSOLUTE_LIFETIME = env.int("SESSION_ABSOLUTE_LIFETIME", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Multi-factor sign-in for staff (django-otp: an authenticator app's TOTP codes, plus
# single-use recovery codes). On everywhere by default; `check --deploy` fails without it.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True)
OTP_TOTP_ISSUER = env("CLINIC_NAME", default="Harbor Light Behavioral Health")
STAFF_RECOVERY_CODES = 10
# Set-password links for staff (accounts/services/set_password_links.py), single use.
STAFF_INVITE_HOURS = env.int("STAFF_INVITE_HOURS", default=72)
STAFF_RESET_HOURS = env.int("STAFF_RESET_HOURS", default=2)
# The Django admin (superusers only) is mounted at /django-admin/ only when this is on;
# production settings turn it off unless the environment asks for it.
DJANGO_ADMIN_ENABLED = env.bool("DJANGO_ADMIN_ENABLED", default=True)
# `load_demo` creates staff logins with a published password only where this is True
# (never in prod.py).
DEMO_LOGINS_ALLOWED = env.bool("DEMO_LOGINS_ALLOWED", default=True)

# Public pages in English or Spanish (docs/i18n.md); staff pages always in English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = env("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The default logs each message (its text at DEBUG only); production requires a real one.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="admissions.messaging.console.ConsoleEmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Admissions <admissions@example.org>")
# Seconds an SMTP connection may block; without it a hung mail server hangs a worker.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# An Anymail provider instead of SMTP: EMAIL_BACKEND=anymail.backends.<esp>.EmailBackend and
# ANYMAIL='{"POSTMARK_SERVER_TOKEN": "..."}' (JSON).
ANYMAIL = env.json("ANYMAIL", default={})

# SMS: "console" (development) or "http" (a Twilio-style REST provider). With SMS_ENABLED
# off, applicants are never texted (email, or a phone call by staff, instead).
SMS_ENABLED = env.bool("SMS_ENABLED", default=True)
SMS_BACKEND = env("SMS_BACKEND", default="console")
SMS_API_URL = env("SMS_API_URL", default="")
SMS_ACCOUNT_SID = env("SMS_ACCOUNT_SID", default="")
SMS_AUTH_TOKEN = env("SMS_AUTH_TOKEN", default="")
SMS_FROM_NUMBER = env("SMS_FROM_NUMBER", default="")
# Inbound texts (STOP, HELP) arrive at /staff/sms/inbound/, signed with this shared secret
# (for Twilio: the account's auth token). Empty: every inbound text is refused (403).
SMS_WEBHOOK_SECRET = env("SMS_WEBHOOK_SECRET", default="")
# The exact URL the provider is told to call, when it differs from SITE_URL + the path
# (the signature covers the URL).
SMS_WEBHOOK_URL = env("SMS_WEBHOOK_URL", default="")

ONCALL_EMAIL = env("ONCALL_EMAIL", default="oncall@example.org")
# Missed first-contact deadlines go to the "Admissions lead" group, else to this address.
ADMISSIONS_LEAD_EMAIL = env("ADMISSIONS_LEAD_EMAIL", default="admissions-lead@example.org")
CLINIC_NAME = env("CLINIC_NAME", default="Harbor Light Behavioral Health")
CLINIC_PHONE = env("CLINIC_PHONE", default="(555) 010-0199")

# Staff pages poll this often (seconds, at most 15) for new referrals and queue changes.
QUEUE_POLL_SECONDS = min(env.int("QUEUE_POLL_SECONDS", default=15), 15)
# Program matching: in-person programs farther than this from the person's ZIP code are
# listed as "farther away", not as suiting them (docs/matching.md).
PROGRAM_NEAR_MILES = env.float("PROGRAM_NEAR_MILES", default=40.0)

# Public endpoints: per-client rate limits (core.limits; "N/s|m|h|d").
SCREENER_RATE = env("SCREENER_RATE", default="60/m")
# The resume link ("Save and finish later"), in the service: per destination email address
# (across drafts) and per client address (admissions/services/resume_links.py).
RESUME_LINK_DESTINATION_RATE = env("RESUME_LINK_DESTINATION_RATE", default="3/h")
RESUME_LINK_CLIENT_RATE = env("RESUME_LINK_CLIENT_RATE", default="10/h")
# How long this browser remembers an unfinished screening (a resume link works from anywhere).
SCREENER_SESSION_AGE = env.int("SCREENER_SESSION_AGE", default=7 * 24 * 60 * 60)
# After submitting, how long (idle) the browser can reopen its result page.
SCREENER_RESULT_SESSION_AGE = env.int("SCREENER_RESULT_SESSION_AGE", default=60 * 60)

# Celery: the broker carries wake-ups only; the database is the source of truth.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 60
CELERY_TASK_SOFT_TIME_LIMIT = 45
# Celery's Django fixup closes the database connection before and after every task unless
# this is set: a new PostgreSQL connection per follow-up send (see bench/README.md). With it,
# a worker reconnects every N tasks instead; 0 restores the close-every-task behaviour.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=100)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# visibility_timeout: an unacked (acks_late) message is handed to another worker after this
# many seconds, so it must exceed the longest countdown we publish (see FOLLOWUP_* below).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
# Publishing must never hang a web request when Redis is down.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}
# Where beat keeps its schedule (a shelve file): never in the source tree. The compose stack
# passes --schedule on its own volume; `make run`'s embedded beat uses this default.
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME",
    default=str(Path(tempfile.gettempdir()) / "iop-portal" / "celerybeat-schedule"),
)

# Seat offers hold a place for SEAT_HOLD_HOURS; every minute beat expires the holds past
# their time and offers freed places (capacity raised, enrollments ended) to the waitlists.
# Every task is in admissions/tasks/, found by autodiscovery; names: admissions.<noun>_<verb>.
SEAT_HOLD_HOURS = env.int("SEAT_HOLD_HOURS", default=48)
CELERY_BEAT_SCHEDULE["seat-offers-expire"] = {
    "task": "admissions.seat_offers_expire",
    "schedule": 60.0,
    "options": {"expires": 55},
}

# Follow-ups (admissions/services/followup_*.py, docs/operations.md). Beat runs the
# dispatcher (due and stuck rows) and the deadline escalation every minute; `make run`
# without REDIS_URL runs the same entries in-process.
FOLLOWUP_MAX_ATTEMPTS = env.int("FOLLOWUP_MAX_ATTEMPTS", default=6)
FOLLOWUP_RETRY_BASE_SECONDS = env.int("FOLLOWUP_RETRY_BASE_SECONDS", default=30)
FOLLOWUP_RETRY_MAX_SECONDS = env.int("FOLLOWUP_RETRY_MAX_SECONDS", default=30 * 60)
# Retries further out than this are left to the dispatcher instead of a Celery countdown.
FOLLOWUP_MAX_COUNTDOWN_SECONDS = 10 * 60
# A row in "sending" longer than this lost its worker; must exceed CELERY_TASK_TIME_LIMIT.
FOLLOWUP_SENDING_LEASE_SECONDS = env.int("FOLLOWUP_SENDING_LEASE_SECONDS", default=5 * 60)
# The dispatcher re-wakes a due row only if its last wake-up is older than this.
FOLLOWUP_REWAKE_AFTER_SECONDS = env.int("FOLLOWUP_REWAKE_AFTER_SECONDS", default=2 * 60)
FOLLOWUP_DISPATCH_BATCH = env.int("FOLLOWUP_DISPATCH_BATCH", default=200)
# A worker claims, sends and records this many due follow-ups per task, over one connection;
# it stops sending after FOLLOWUP_SEND_BATCH_SECONDS (well inside CELERY_TASK_SOFT_TIME_LIMIT)
# and hands the untried rows back as due.
FOLLOWUP_SEND_BATCH = env.int("FOLLOWUP_SEND_BATCH", default=100)
FOLLOWUP_SEND_BATCH_SECONDS = env.float("FOLLOWUP_SEND_BATCH_SECONDS", default=20.0)
# Pending this long past due, a follow-up shows as overdue in the staff outbox.
FOLLOWUP_OVERDUE_MINUTES = env.int("FOLLOWUP_OVERDUE_MINUTES", default=10)
# No-response follow-ups: hours after an unsuccessful contact attempt (24 h, 72 h, 7 days).
FOLLOWUP_NO_RESPONSE_HOURS = env.list("FOLLOWUP_NO_RESPONSE_HOURS", cast=int, default=[24, 72, 168])
CELERY_BEAT_SCHEDULE["sessions-clear-expired"] = {
    "task": "iop_portal.sessions_clear_expired",
    "schedule": 6 * 60 * 60.0,
    "options": {"expires": 60 * 60},
}
CELERY_BEAT_SCHEDULE["followups-dispatch"] = {
    "task": "admissions.followups_dispatch",
    "schedule": 60.0,
    "options": {"expires": 55},  # a backlog of stale rounds is useless: drop them
}
CELERY_BEAT_SCHEDULE["deadlines-escalate"] = {
    "task": "admissions.referrals_escalate_overdue",
    "schedule": 60.0,
    "options": {"expires": 55},
}

# Crisis alerts (docs/crisis.md). An alert nobody acknowledges in the portal within
# CRISIS_ACK_MINUTES is repeated to on call and escalated to the admissions lead and the
# "Crisis backup" group (CRISIS_BACKUP_EMAIL when it is empty), and again every
# CRISIS_ACK_MINUTES until a clinician acknowledges it. ONCALL_SMS: an on-call phone or pager
# that takes texts (optional); alerts and repeats are texted to it too.
CRISIS_ACK_MINUTES = env.int("CRISIS_ACK_MINUTES", default=10)
CRISIS_BACKUP_EMAIL = env("CRISIS_BACKUP_EMAIL", default="")
ONCALL_SMS = env("ONCALL_SMS", default="")
# "Unable to reach after repeated attempts" closes an episode only after this many attempts.
CRISIS_UNREACHABLE_ATTEMPTS = env.int("CRISIS_UNREACHABLE_ATTEMPTS", default=2)
CELERY_BEAT_SCHEDULE["crisis-alerts-escalate"] = {
    "task": "admissions.crisis_alerts_escalate",
    "schedule": 30.0,
    "options": {"expires": 25},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "path_only": {"()": "iop_portal.logs.PathOnlyRequestLines"},
        "one_line_4xx": {"()": "iop_portal.logs.OneLineForClientErrors"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["one_line_4xx"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own console and mail_admins handlers are replaced by the root's, so a
        # record is written once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Request logs carry paths only (iop_portal/logs.py).
        "django.request": {"level": "WARNING"},
        "django.server": {
            "handlers": ["console"],
            "level": "INFO",
            "filters": ["path_only"],
            "propagate": False,
        },
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Message bodies and addresses only at DEBUG (admissions/messaging/console.py).
        "admissions.messaging": {"level": "INFO"},
    },
}

# Insurance eligibility (X12 270/271, admissions/eligibility/). No URL: the check button says
# electronic checks are not set up. Development: `manage.py fake_clearinghouse` and
# ELIGIBILITY_URL=http://127.0.0.1:8990/.
ELIGIBILITY_URL = env("ELIGIBILITY_URL", default="")
ELIGIBILITY_SENDER_ID = env("ELIGIBILITY_SENDER_ID", default="IOPPORTAL")
ELIGIBILITY_RECEIVER_ID = env("ELIGIBILITY_RECEIVER_ID", default="CLEARINGHOUSE")
ELIGIBILITY_PROVIDER_NPI = env("ELIGIBILITY_PROVIDER_NPI", default="1234567893")
ELIGIBILITY_PROVIDER_NAME = env("ELIGIBILITY_PROVIDER_NAME", default="HARBOR LIGHT BH")
