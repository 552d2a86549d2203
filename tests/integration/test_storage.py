"""Audio storage on a local folder and on a real S3 server (SeaweedFS): one interface."""

from __future__ import annotations

import uuid
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from sim_core.storage import (
    LocalStore,
    ObjectStore,
    SpoolingStore,
    StorageError,
    StorageUnavailable,
    build_object_store,
    call_prefix,
)
from sim_core.storage.s3 import S3Store

pytestmark = pytest.mark.integration
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(64))


@pytest.fixture(params=["local", "s3"])
def store(request, make_settings):
    if request.param == "local":
        return build_object_store(make_settings())
    endpoint, access, secret = request.getfixturevalue("s3_server")
    settings = make_settings(
        s3_endpoint=endpoint,
        s3_access_key=access,
        s3_secret_key=secret,
        s3_bucket=f"audio-{uuid.uuid4().hex[:10]}",
        presign_expiry_s=900,
    )
    return build_object_store(settings)


def test_recording_and_turn_clips_round_trip(store):
    assert isinstance(store, ObjectStore)
    call = uuid.uuid4().hex
    prefix = call_prefix(call)
    keys = [f"{prefix}recording.wav"] + [f"{prefix}turns/{i:03d}.wav" for i in range(3)]
    for i, key in enumerate(keys):
        assert store.put(key, WAV + bytes([i]), "audio/wav") == key
    store.put(f"{call_prefix('someone-else')}recording.wav", WAV)
    assert store.list(prefix) == sorted(keys)
    assert store.get(keys[2]) == WAV + bytes([2])
    store.put(keys[2], b"replaced", "audio/wav")
    assert store.get(keys[2]) == b"replaced"
    store.delete(keys[0])
    store.delete(keys[0])  # absent: ignored
    with pytest.raises(KeyError):
        store.get(keys[0])
    assert store.list(prefix) == sorted(keys[1:])
    with pytest.raises(StorageError):
        store.put("../escape.wav", WAV)


def test_url_serves_the_audio(store):
    key = f"{call_prefix(uuid.uuid4().hex)}recording.wav"
    store.put(key, WAV, "audio/wav")
    url = store.url(key)
    if url.startswith("http"):
        query = parse_qs(urlparse(url).query)
        assert query["X-Amz-Expires"] == ["900"]
        assert parse_qs(urlparse(store.url(key, expires_s=60)).query)["X-Amz-Expires"] == ["60"]
        assert httpx.get(url, timeout=10).content == WAV
    else:
        assert Path(url).read_bytes() == WAV


def test_bucket_is_created_and_wrong_keys_are_one_clear_line(s3_server):
    endpoint, access, secret = s3_server
    bucket = f"auto-{uuid.uuid4().hex[:10]}"
    s3 = S3Store(endpoint=endpoint, bucket=bucket, access_key=access, secret_key=secret)
    assert bucket in s3.check()
    assert bucket in [b["Name"] for b in s3.client.list_buckets()["Buckets"]]
    bad = S3Store(endpoint=endpoint, bucket=bucket, access_key=access, secret_key="wrong-secret")
    with pytest.raises(StorageError) as info:
        bad.put("calls/x/a.wav", WAV)
    assert not isinstance(info.value, StorageUnavailable)
    assert str(info.value).startswith("S3_ACCESS_KEY/S3_SECRET_KEY") and "\n" not in str(info.value)


def test_unreachable_endpoint_names_the_setting(unused_port):
    s3 = S3Store(
        endpoint=f"http://127.0.0.1:{unused_port}",
        bucket="audio",
        access_key="a",
        secret_key="b",
        connect_timeout_s=0.5,
    )
    with pytest.raises(StorageUnavailable, match="^S3_ENDPOINT: cannot reach"):
        s3.put("calls/x/a.wav", WAV)


def test_s3_unreachable_during_upload_spools_then_uploads(s3_server, tcp_proxy, tmp_path):
    endpoint, access, secret = s3_server
    port = int(endpoint.rsplit(":", 1)[1])
    proxy = tcp_proxy("127.0.0.1", port)
    bucket = f"spool-{uuid.uuid4().hex[:10]}"

    def build() -> SpoolingStore:
        inner = S3Store(
            endpoint=f"http://127.0.0.1:{proxy.port}",
            bucket=bucket,
            access_key=access,
            secret_key=secret,
            connect_timeout_s=0.5,
            read_timeout_s=2,
        )
        return SpoolingStore(inner, tmp_path / "spool", retry_s=0.0)

    store = build()
    prefix = call_prefix("call-under-outage")
    store.put(f"{prefix}turns/000.wav", b"turn0", "audio/wav")
    proxy.cut()
    store.put(f"{prefix}turns/001.wav", b"turn1", "audio/wav")
    store.put(f"{prefix}recording.wav", b"whole call", "audio/wav")
    assert store.pending == 2 and store.degraded
    assert store.get(f"{prefix}recording.wav") == b"whole call"  # still playable meanwhile
    assert Path(store.url(f"{prefix}turns/001.wav")).read_bytes() == b"turn1"
    assert store.flush() == 0  # still down: nothing lost, nothing uploaded
    del store  # the app restarts while S3 is down

    proxy.restore()
    store = build()
    assert store.flush() == 2 and store.pending == 0
    direct = S3Store(endpoint=endpoint, bucket=bucket, access_key=access, secret_key=secret)
    assert direct.list(prefix) == [f"{prefix}recording.wav", f"{prefix}turns/000.wav", f"{prefix}turns/001.wav"]
    assert direct.get(f"{prefix}turns/001.wav") == b"turn1"


def test_local_default_lives_under_data_dir(make_settings, tmp_path):
    store = build_object_store(make_settings(data_dir=tmp_path / "d"))
    assert isinstance(store, LocalStore)
    store.put("calls/a/recording.wav", WAV)
    assert (tmp_path / "d" / "audio" / "calls" / "a" / "recording.wav").read_bytes() == WAV
