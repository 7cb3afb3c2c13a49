"""Counting hits against a limit: "at most ``limit`` in ``window_seconds`` for ``key``".

The count lives in Django's cache, shared by every web process. When the cache cannot be
reached, the count moves to a limiter inside this process until the cache answers again:
a Redis outage loosens the limits (each process counts on its own) but never turns a
request away with an error. The outage is logged once when it starts and once when it
ends, not per request, and the cache is not asked again for ``CACHE_RETRY_SECONDS`` so no
request pays the connection timeout twice in a row."""

import logging
import threading
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

CACHE_RETRY_SECONDS = 15.0
LOCAL_MAX_KEYS = 10_000
"""Past this many live keys the local limiter forgets its oldest windows first."""


class LocalLimiter:
    """Fixed-window counters in this process's memory (thread-safe, bounded)."""

    def __init__(self, max_keys: int = LOCAL_MAX_KEYS):
        self.max_keys = max_keys
        self._counts: dict[str, tuple[int, float]] = {}  # bucket -> (hits, expires at)
        self._lock = threading.Lock()

    def hit(self, bucket: str, limit: int, window_seconds: int) -> bool:
        now = time.monotonic()
        with self._lock:
            if bucket not in self._counts and len(self._counts) >= self.max_keys:
                self._make_room(now)
            count, expires = self._counts.get(bucket, (0, now + window_seconds))
            self._counts[bucket] = (count + 1, expires)
            return count + 1 <= limit

    def _make_room(self, now: float) -> None:
        live = {k: v for k, v in self._counts.items() if v[1] > now}
        if len(live) >= self.max_keys:  # all live: forget the oldest tenth
            live = dict(list(live.items())[self.max_keys // 10 or 1 :])
        self._counts = live

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()


local_limiter = LocalLimiter()
_cache_down_until = 0.0
_outage_logged = False
_state_lock = threading.Lock()


def _bucket(key: str, window_seconds: int, now: float) -> str:
    return f"limit:{key}:{window_seconds}:{int(now // window_seconds)}"


def _redis_hit(bucket: str, window_seconds: int) -> int | None:
    """The count after this hit, in one round trip when the cache is Redis (a ``SET NX`` with
    its expiry and an ``INCR``, pipelined: what ``cache.add`` then ``cache.incr`` do in two);
    ``None`` for any other cache backend."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, RedisCache):
        return None
    key = backend.make_and_validate_key(bucket)
    client = backend._cache.get_client(key, write=True)
    pipe = client.pipeline(transaction=False)
    pipe.set(key, 0, ex=window_seconds + 1, nx=True)
    pipe.incr(key)
    _, count = pipe.execute()
    return count


def _cache_hit(bucket: str, limit: int, window_seconds: int) -> bool:
    count = _redis_hit(bucket, window_seconds)
    if count is not None:
        return count <= limit
    cache.add(bucket, 0, timeout=window_seconds + 1)
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr: this is the first hit of a window
        cache.add(bucket, 1, timeout=window_seconds + 1)
        count = 1
    return count <= limit


def _cache_failed(exc: Exception) -> None:
    global _cache_down_until, _outage_logged
    with _state_lock:
        _cache_down_until = time.monotonic() + CACHE_RETRY_SECONDS
        if not _outage_logged:
            _outage_logged = True
            logger.warning(
                "rate limits: cache unavailable (%s); counting in each process until it is back",
                type(exc).__name__,
            )


def _cache_answered() -> None:
    global _outage_logged
    if _outage_logged:
        with _state_lock:
            if _outage_logged:
                _outage_logged = False
                logger.warning("rate limits: cache is back; counting in the cache again")


def limit_hit(key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for ``key``; True if it is within ``limit`` for the current window of
    ``window_seconds`` (so the caller may go on), False once the limit is used up."""
    now = time.time()
    bucket = _bucket(key, window_seconds, now)
    if time.monotonic() >= _cache_down_until:
        try:
            allowed = _cache_hit(bucket, limit, window_seconds)
        except Exception as exc:  # the cache server is down or refusing: count locally
            _cache_failed(exc)
        else:
            _cache_answered()
            return allowed
    return local_limiter.hit(bucket, limit, window_seconds)


def limits_reset() -> None:
    """Forget the local counters and any remembered outage (tests, or an operator)."""
    global _cache_down_until, _outage_logged
    with _state_lock:
        _cache_down_until = 0.0
        _outage_logged = False
    local_limiter.clear()


def parse_rate(rate: str) -> tuple[int, int]:
    """``"60/m"`` -> ``(60, 60)``; units s, m, h, d, optionally with a count (``"5/10m"``)."""
    count, _, period = rate.partition("/")
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    multiple = period[:-1] or "1"
    if not count.isdigit() or not multiple.isdigit() or period[-1:] not in units:
        raise ValueError(f"not a rate: {rate!r} (like '60/m')")
    return int(count), int(multiple) * units[period[-1]]
