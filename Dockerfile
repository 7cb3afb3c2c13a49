FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY iop_portal ./iop_portal
COPY audit ./audit
COPY screening ./screening
COPY admissions ./admissions
COPY programs ./programs
RUN pip install --no-cache-dir .
COPY . .
RUN DJANGO_SECRET_KEY=build ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput --settings=iop_portal.settings.prod
RUN useradd --create-home app
USER app
EXPOSE 8000
