FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# The non-root user the processes run as, and beat's schedule directory, writable by it (a
# named volume mounted there starts with this ownership).
RUN useradd --create-home --uid 10001 app \
    && install -d -o app -g app /var/lib/celerybeat
COPY pyproject.toml README.md ./
COPY iop_portal ./iop_portal
COPY core ./core
COPY audit ./audit
COPY screening ./screening
COPY programs ./programs
COPY admissions ./admissions
COPY applicant ./applicant
RUN pip install .
# .dockerignore keeps .env, .venv, db.sqlite3, staticfiles and test output out of the image.
COPY . .
# collectstatic needs the production settings to load; these values exist for this step only
# (the running containers get theirs from .env, and check --deploy refuses placeholders).
RUN DJANGO_SETTINGS_MODULE=iop_portal.settings.prod DJANGO_SECRET_KEY=collectstatic-only \
    ALLOWED_HOSTS=localhost SITE_URL=https://localhost ONCALL_EMAIL=build@localhost \
    ADMISSIONS_LEAD_EMAIL=build@localhost EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend \
    python manage.py collectstatic --noinput
USER app
EXPOSE 8000
CMD ["gunicorn", "--config", "python:iop_portal.gunicorn", "iop_portal.wsgi:application"]
