"""Live call state in process memory and in Redis: TTL, resume, Redis restarted mid-call."""

from __future__ import annotations

import json
import uuid

import pytest

from sim_core.live.store import MemoryLiveStore, RedisLiveStore, StaleState, build_live_store, redis_client

pytestmark = pytest.mark.integration


def _state(turn: int) -> dict:
    return {
        "call_id": "c1",
        "turns": turn,
        "emotion": "panicked",
        "director": {"revealed": ["address"] * turn},
        "timeline": [{"type": "trainee_said", "t": float(i), "data": {"text": f"t{i}"}} for i in range(turn)],
    }


@pytest.fixture(params=["memory", "redis"])
def store_factory(request, make_settings):
    """Builds a *new* store object each call, as a reloaded page or another replica would."""
    if request.param == "memory":
        shared = MemoryLiveStore(ttl_s=600)
        yield lambda: shared  # one process: the objects holding the call are what is discarded
        return
    url = request.getfixturevalue("shared_redis_url")
    prefix = f"simtest:{uuid.uuid4().hex[:8]}:"
    settings = make_settings(redis_url=url, session_ttl_s=600)
    yield lambda: build_live_store(settings, prefix=prefix)
    client = redis_client(url)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def test_save_load_delete_and_resume(store_factory):
    call_id = f"call-{uuid.uuid4().hex}"
    writer = store_factory()
    for turn in range(1, 6):
        writer.save(call_id, _state(turn))
    del writer  # the call's in-process objects are gone
    reader = store_factory()
    assert reader.load(call_id) == _state(5)
    assert reader.load("no-such-call") is None
    reader.delete(call_id)
    assert store_factory().load(call_id) is None
    with pytest.raises(ValueError, match="JSON"):
        reader.save(call_id, {"bad": object()})


def test_redis_ttl_is_refreshed_on_every_save(shared_redis_url):
    client = redis_client(shared_redis_url)
    store = RedisLiveStore(client, ttl_s=120, prefix=f"simtest:{uuid.uuid4().hex[:8]}:")
    store.save("c", _state(1))
    client.expire(store._key("c"), 5)
    store.save("c", _state(2))
    assert 100 < client.ttl(store._key("c")) <= 120
    store.delete("c")


def test_memory_ttl_expires():
    now = [0.0]
    store = MemoryLiveStore(ttl_s=60, clock=lambda: now[0])
    store.save("c", _state(1))
    now[0] = 59.0
    assert store.load("c") == _state(1)
    store.save("c", _state(2))
    now[0] = 118.0
    assert store.load("c") == _state(2)
    now[0] = 200.0
    assert store.load("c") is None


def test_redis_restarted_mid_call(redis_process, make_settings):
    settings = make_settings(redis_url=redis_process.url, session_ttl_s=600)
    store = build_live_store(settings)
    store.retry_s = 0.0
    store.save("call-1", _state(1))
    store.save("call-1", _state(2))

    redis_process.stop()
    store.save("call-1", _state(3))  # must not crash the call
    assert store.degraded
    assert store.load("call-1") == _state(3)

    redis_process.start()  # empty: no persistence
    store.save("call-1", _state(4))
    assert not store.degraded
    other_replica = build_live_store(settings)
    assert other_replica.load("call-1") == _state(4)


def test_redis_lost_state_is_restored_by_the_process_that_wrote_it(redis_process, make_settings):
    settings = make_settings(redis_url=redis_process.url, session_ttl_s=600)
    store = build_live_store(settings)
    store.save("call-2", _state(7))
    redis_process.restart()  # Redis comes back empty between two turns
    assert store.load("call-2") == _state(7)
    assert build_live_store(settings).load("call-2") == _state(7)  # re-saved for the others


def test_pending_states_written_when_redis_returns(redis_process, make_settings):
    settings = make_settings(redis_url=redis_process.url, session_ttl_s=600)
    store = build_live_store(settings)
    redis_process.stop()
    for i in range(3):
        store.save(f"call-{i}", _state(i + 1))
    store.delete("call-0")
    assert store.degraded
    redis_process.start()
    assert store.flush() == 0 and not store.degraded
    fresh = build_live_store(settings)
    assert fresh.load("call-0") is None
    assert fresh.load("call-2") == _state(3)


def test_a_stale_writer_is_refused_and_nothing_is_overwritten(store_factory):
    from sim_core.live import StaleState

    call_id = f"call-{uuid.uuid4().hex}"
    first, second = store_factory(), store_factory()  # two replicas
    v1 = first.save(call_id, _state(1), expected_version=0)
    state, seen = second.load_versioned(call_id)
    assert seen == v1 == 1 and first.version(call_id) == 1
    v2 = second.save(call_id, _state(2), expected_version=seen)
    with pytest.raises(StaleState):  # first still thinks version 1 is the latest
        first.save(call_id, _state(9), expected_version=v1)
    assert store_factory().load_versioned(call_id) == (_state(2), v2)
    store_factory().delete(call_id)


def test_presence_tells_the_call_clock_which_calls_nobody_is_on(store_factory):
    store = store_factory()
    ids = [f"call-{uuid.uuid4().hex}" for _ in range(3)]
    for i, call_id in enumerate(ids):
        store.save(call_id, _state(1))
        store.touch(call_id, 1000.0 + i)
    store.touch(ids[0], 1005.0)  # the trainee came back to the first call
    assert store_factory().idle_calls(before=1004.0) == [ids[1], ids[2]]
    store.retire(ids[1])  # ended
    assert store_factory().idle_calls(before=1004.0) == [ids[2]]
    assert store_factory().last_seen(ids[0]) == 1005.0
    for call_id in ids:
        store.delete(call_id)
    assert store_factory().idle_calls(before=1e12) == []


def test_a_state_saved_elsewhere_during_an_outage_here_is_not_overwritten(redis_process, make_settings, tcp_proxy):
    proxy = tcp_proxy("127.0.0.1", redis_process.port)
    here = build_live_store(make_settings(redis_url=f"redis://127.0.0.1:{proxy.port}/0"))
    here.retry_s = 0.0
    v = here.save("call-3", _state(1), expected_version=0)
    proxy.cut()  # this server loses Redis; another replica still reaches it
    assert here.save("call-3", _state(2), expected_version=v) == v + 1
    assert here.degraded and here.load("call-3") == _state(2)
    elsewhere = build_live_store(make_settings(redis_url=redis_process.url))
    elsewhere.save("call-3", _state(5), expected_version=v)
    proxy.restore()
    assert here.flush() == 0 and not here.degraded
    assert build_live_store(make_settings(redis_url=redis_process.url)).load("call-3") == _state(5)
    assert here.load("call-3") == _state(5)  # this server now follows the live version
    with pytest.raises(StaleState):  # the writer still holding its copy must reload first
        here.save("call-3", _state(3), expected_version=v + 1)
    state, version = here.load_versioned("call-3")
    assert here.save("call-3", _state(6), expected_version=version) == version + 1


def test_a_call_saved_by_the_previous_release_resumes(shared_redis_url, make_settings):
    """States written before versioning (a plain JSON string) are read, then replaced."""
    prefix = f"simtest:{uuid.uuid4().hex[:8]}:"
    store = build_live_store(make_settings(redis_url=shared_redis_url), prefix=prefix)
    client = redis_client(shared_redis_url)
    client.set(f"{prefix}old-call", json.dumps(_state(2)), ex=60)
    assert store.version("old-call") == 0
    assert store.load_versioned("old-call") == (_state(2), 0)
    assert store.save("old-call", _state(3), expected_version=0) == 1
    assert build_live_store(make_settings(redis_url=shared_redis_url), prefix=prefix).load_versioned("old-call") == (
        _state(3),
        1,
    )
    store.delete("old-call")


class _CountingClient:
    """A Redis client that counts the commands sent through it."""

    def __init__(self, client):
        self._client, self.sent = client, 0

    def __getattr__(self, name):
        attr = getattr(self._client, name)
        if name == "register_script" or not callable(attr):
            return attr

        def counted(*args, **kwargs):
            self.sent += 1
            return attr(*args, **kwargs)

        return counted


def test_while_redis_is_down_turns_do_not_wait_on_it(redis_process, tcp_proxy):
    """After one failure the store backs off: version checks and presence go to this
    server's copy, so a call's turns never wait on a dead Redis."""
    proxy = tcp_proxy("127.0.0.1", redis_process.port)
    client = _CountingClient(redis_client(f"redis://127.0.0.1:{proxy.port}/0"))
    store = RedisLiveStore(client, ttl_s=600, prefix=f"simtest:{uuid.uuid4().hex[:8]}:", retry_s=3600)
    v = store.save("c", _state(1), expected_version=0)
    proxy.cut()
    assert store.save("c", _state(2), expected_version=v) == v + 1  # the failure
    tried = client.sent
    for _ in range(20):  # what every turn and every open page does
        assert store.version("c") == v + 1
        store.touch("c", 1000.0)
        store.last_seen("c")
        store.idle_calls(before=2000.0)
    assert store.load_versioned("c") == (_state(2), v + 1)
    assert client.sent == tried
