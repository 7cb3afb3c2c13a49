"""The project's Redis cache backend keeps one client per connection pool; it stores, reads
and counts as Django's does, and rides out a Redis restart the same way."""

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_cache(private_redis_cache):
    return private_redis_cache


def test_one_client_serves_every_call(redis_cache):
    first = redis_cache._cache.get_client("a", write=True)

    assert redis_cache._cache.get_client("b", write=False) is first
    assert redis_cache._cache.get_client(write=True) is first


def test_it_stores_reads_and_counts_as_django_does(redis_cache):
    redis_cache.set("answer", {"level": "iop"}, 60)
    assert redis_cache.get("answer") == {"level": "iop"}
    assert redis_cache.add("count", 1, 60) is True
    assert redis_cache.add("count", 5, 60) is False
    assert redis_cache.incr("count") == 2
    redis_cache.delete("answer")
    assert redis_cache.get("answer", "gone") == "gone"


def test_a_redis_restart_fails_calls_while_down_then_works_again(redis_cache, private_redis):
    import redis

    redis_cache.set("k", "v", 60)
    private_redis.stop()
    with pytest.raises(redis.exceptions.ConnectionError):
        redis_cache.get("k")
    private_redis.start()
    redis_cache.set("k", "back", 60)
    assert redis_cache.get("k") == "back"
