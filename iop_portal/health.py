"""Checks behind GET /healthz: each returns True when its dependency answers."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("healthz: database check failed", exc_info=False)
        return False


def cache_ok() -> bool:
    try:
        cache.set("healthz", "1", 5)
        return cache.get("healthz") == "1"
    except Exception:
        logger.warning("healthz: cache check failed", exc_info=False)
        return False


def broker_ok() -> bool | None:
    """None when no broker is configured (eager Celery)."""
    if not settings.REDIS_URL:
        return None
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        return bool(client.ping())
    except Exception:
        logger.warning("healthz: broker check failed", exc_info=False)
        return False


def report() -> tuple[dict, bool]:
    """The body of ``/healthz`` and whether the web tier can serve people.

    Only the database decides that: with Redis (cache or broker) down every page still
    works and nothing is lost (rate limits count locally, follow-ups wait in the outbox),
    so the status is ``degraded`` and the probe stays 200 — a load balancer must not take
    every web process out of service for an outage they ride through. The database down
    is ``unavailable`` (503)."""
    broker = broker_ok()
    checks = {
        "database": database_ok(),
        "cache": cache_ok(),
        "broker": "not configured" if broker is None else broker,
    }
    serving = checks["database"] is True
    if not serving:
        status = "unavailable"
    elif checks["cache"] is False or broker is False:
        status = "degraded"
    else:
        status = "ok"
    body = {
        "status": status,
        "checks": {
            k: ("up" if v is True else "down" if v is False else v) for k, v in checks.items()
        },
    }
    return body, serving
