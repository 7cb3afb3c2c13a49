"""Rate limits count in the shared cache, and fall back to this process's own counters
(logged once per outage, not per request) when the cache cannot be reached."""

import logging
from unittest import mock

import pytest

from core import limits
from core.limits import limit_hit, parse_rate


def test_hits_within_the_limit_are_allowed_then_refused():
    assert [limit_hit("k", 3, 60) for _ in range(5)] == [True, True, True, False, False]


def test_keys_and_windows_count_apart():
    for _ in range(2):
        limit_hit("a", 2, 60)

    assert limit_hit("a", 2, 60) is False
    assert limit_hit("b", 2, 60) is True
    assert limit_hit("a", 2, 3600) is True  # another window length is another count


def test_a_new_window_starts_a_new_count():
    with mock.patch("core.limits.time.time", return_value=1_000_000.0):
        assert [limit_hit("w", 1, 60) for _ in range(2)] == [True, False]
    with mock.patch("core.limits.time.time", return_value=1_000_060.0):
        assert limit_hit("w", 1, 60) is True


def test_the_count_lives_in_the_shared_cache():
    from django.core.cache import cache

    limit_hit("shared", 5, 60)
    limit_hit("shared", 5, 60)

    counts = [v for k, v in cache._cache.items() if "limit:shared:60:" in k]
    assert len(counts) == 1


@pytest.fixture
def cache_down():
    broken = mock.patch.multiple(
        "core.limits.cache",
        add=mock.Mock(side_effect=ConnectionError("Error 111 connecting to redis")),
        incr=mock.Mock(side_effect=ConnectionError("Error 111 connecting to redis")),
    )
    with broken:
        yield


def test_with_the_cache_down_the_local_limiter_still_limits(cache_down):
    results = [limit_hit("ip:1", 3, 60) for _ in range(5)]

    assert results == [True, True, True, False, False]
    assert limit_hit("ip:2", 3, 60) is True


def test_an_outage_is_logged_once_not_per_request(cache_down, caplog):
    caplog.set_level(logging.WARNING, logger="core.limits")
    for n in range(20):
        limit_hit(f"ip:{n}", 3, 60)
        limits._cache_down_until = 0.0  # even when the cache is asked again every time

    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 1
    assert "cache unavailable (ConnectionError)" in lines[0]
    assert "111" not in lines[0]  # the exception's text (which can name hosts) is not logged


def test_the_dead_cache_is_not_asked_again_for_a_while(cache_down):
    from django.core.cache import cache

    for _ in range(10):
        limit_hit("ip:9", 100, 60)

    assert cache.add.call_count == 1  # no request after the first pays the timeout


def test_when_the_cache_returns_counting_moves_back_and_that_is_logged(caplog):
    caplog.set_level(logging.WARNING, logger="core.limits")
    with mock.patch("core.limits.cache.add", side_effect=ConnectionError):
        limit_hit("ip:3", 3, 60)
    limits._cache_down_until = 0.0  # the retry pause is over

    assert limit_hit("ip:3", 3, 60) is True

    assert [r.getMessage().split(";")[0] for r in caplog.records] == [
        "rate limits: cache unavailable (ConnectionError)",
        "rate limits: cache is back",
    ]


def test_the_local_limiter_stays_bounded():
    limiter = limits.LocalLimiter(max_keys=100)
    for n in range(1000):
        limiter.hit(f"k{n}", 1, 60)

    assert len(limiter._counts) <= 100
    assert limiter.hit("k999", 1, 60) is False  # the newest are kept


@pytest.mark.parametrize(
    ("rate", "parsed"), [("60/m", (60, 60)), ("5/10m", (5, 600)), ("100/h", (100, 3600))]
)
def test_rates_read_like_django_ratelimit(rate, parsed):
    assert parse_rate(rate) == parsed


@pytest.mark.parametrize("rate", ["", "60", "x/m", "5/y", "/m"])
def test_a_malformed_rate_is_refused(rate):
    with pytest.raises(ValueError, match="not a rate"):
        parse_rate(rate)


@pytest.mark.integration
def test_on_redis_a_hit_is_one_round_trip_and_reads_as_the_cache_count(
    private_redis, private_redis_cache
):
    import redis

    cache = private_redis_cache
    limits.limits_reset()
    sent = []
    execute = redis.client.Pipeline.execute

    def counted(pipe, *args, **kwargs):
        sent.append(len(pipe.command_stack))
        return execute(pipe, *args, **kwargs)

    with mock.patch.object(redis.client.Pipeline, "execute", counted):
        results = [limit_hit("ip:redis", 3, 60) for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert sent == [2] * 5  # each hit: SET NX with its expiry and INCR, sent together

    bucket = next(key for key in redis.Redis.from_url(private_redis.url).keys("*limit:ip:redis*"))
    server = redis.Redis.from_url(private_redis.url)
    assert 0 < server.ttl(bucket) <= 61  # the window's key expires with the window
    assert cache.get(bucket.decode().split(":", 2)[2]) == 5  # Django's cache reads the count

    private_redis.stop()  # Redis gone: the process counts on its own, and nothing raises
    assert [limit_hit("ip:after", 2, 60) for _ in range(3)] == [True, True, False]
