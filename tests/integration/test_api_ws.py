"""A live call over WS /ws/call/{id} through real servers on PostgreSQL, Redis and
S3: a whole typed call, a spoken turn (real pocketsphinx and Piper), a dropped
connection resumed on another API process, and bad messages that get a clear
error while the call goes on."""

from __future__ import annotations

import base64
import io
import json
import socket
import wave
from pathlib import Path

import numpy as np
import pytest
from websockets.exceptions import ConnectionClosed

from tests.integration.api_harness import api_stack, recv, recv_until, say, stack  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def two_processes(tmp_path_factory, pg_server, shared_redis_url, s3_server):
    """Two API processes (replicas) on one database, one Redis and one S3."""
    yield from stack(tmp_path_factory, pg_server, shared_redis_url, s3_server, processes=2)


def _lines(path: Path) -> list[str]:
    rows = [json.loads(x) for x in path.read_text().splitlines() if x.strip()]
    return [r["text"] for r in rows if r.get("text")]


def test_a_whole_typed_call(api_stack):
    call = api_stack.start_call("trainee")
    with api_stack.ws(call["call_id"], "trainee") as ws:
        state = recv(ws)
        assert state["type"] == "state" and state["status"] == "active"
        assert state["transcript"][0]["text"] == call["opening"]
        mine, caller, _ = say(ws, "911, what is the address of your emergency?")
        assert mine["text"] == "911, what is the address of your emergency?"
        assert "1425" in caller["text"]
        entity, _ = recv_until(ws, "entity", speaker="caller")
        assert entity["label"] == "ADDRESS" and entity["text"] in caller["text"]
        for text in _lines(ROOT / "tests/data/transcripts/cardiac-arrest.good.jsonl")[1:]:
            mine, caller, _ = say(ws, text)
            assert mine["text"] == text and caller["text"]
        ws.send(json.dumps({"type": "cad", "fields": {"address": "1425 Oak Street", "priority": 1}}))
        ws.send(json.dumps({"type": "control", "action": "end"}))
        ended, _ = recv_until(ws, "ended")
        with pytest.raises(ConnectionClosed) as closed:
            while True:
                recv(ws, timeout=30)
    assert closed.value.rcvd.code == 1000
    assert ended["grade"] in "ABC" and ended["score"] >= 70, ended  # the good transcript
    with api_stack.client("trainee") as c:
        transcript = c.get(f"/api/v1/calls/{call['call_id']}/transcript").json()["lines"]
        stored = next(x for x in c.get("/api/v1/calls").json() if x["call_id"] == call["call_id"])
    said = [ln["text"] for ln in transcript if ln["speaker"] == "trainee"]
    assert said[0] == "911, what is the address of your emergency?" and len(said) >= 10
    assert stored["status"] == "scored" and stored["score"] == ended["score"]


def _pcm16(path: Path) -> tuple[bytes, int]:
    with wave.open(str(path)) as w:
        return w.readframes(w.getnframes()), w.getframerate()


def test_a_spoken_turn_is_heard_answered_aloud_and_recorded(api_stack):
    call = api_stack.start_call("trainee", mode="push_to_talk")
    pcm, rate = _pcm16(ROOT / "tests/data/speech/is_he_breathing_16k.wav")
    with api_stack.ws(call["call_id"], "trainee") as ws:
        recv(ws)
        third = len(pcm) // 3 // 2 * 2
        for i, piece in enumerate((pcm[:third], pcm[third : 2 * third], pcm[2 * third :])):
            ws.send(
                json.dumps(
                    {
                        "type": "audio",
                        "format": "pcm16",
                        "sample_rate": rate,
                        "data": base64.b64encode(piece).decode(),
                        "final": i == 2,
                    }
                )
            )
        heard, _ = recv_until(ws, "transcript", timeout=300, speaker="trainee")
        assert "breathing" in heard["text"] and 0.0 <= heard["confidence"] <= 1.0
        reply, _ = recv_until(ws, "transcript", speaker="caller")
        assert reply["text"]
        audio, _ = recv_until(ws, "caller_audio", timeout=300)
        with wave.open(io.BytesIO(base64.b64decode(audio["data"]))) as w:
            samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
            assert w.getframerate() == audio["sample_rate"]
        assert len(samples) / audio["sample_rate"] > 0.3 and np.abs(samples).max() > 1000
        spec = np.abs(np.fft.rfft(samples.astype(np.float64))) ** 2  # heard down the phone line:
        freqs = np.fft.rfftfreq(len(samples), 1 / audio["sample_rate"])
        assert spec[freqs > 4000].sum() / spec.sum() < 1e-4  # nothing above its band
        assert audio["text"] and audio["text"] in reply["text"]
        ws.send(json.dumps({"type": "control", "action": "end"}))
        recv_until(ws, "ended", timeout=120)
    from db.engine import session_scope
    from db.queries import get_call

    with session_scope(api_stack.api.backends.engine) as s:
        row = get_call(s, call_id=call["call_id"])
    assert row["recording_key"] and row["transcript"][1]["audio_key"]
    stereo = api_stack.api.backends.object_store.get(row["recording_key"])  # in S3
    assert stereo[:4] == b"RIFF" and len(stereo) > 20_000


def test_a_dropped_websocket_resumes_on_another_process(two_processes):
    st = two_processes
    call = st.start_call("trainee")  # started on process A
    with st.ws(call["call_id"], "trainee", server=0) as ws:
        recv(ws)
        say(ws, "911, what is the address of your emergency?")
        ws.socket.shutdown(socket.SHUT_RDWR)  # the network drops: no close frame
    with st.ws(call["call_id"], "trainee", server=1) as ws_b:  # the client comes back via B
        state = recv(ws_b)
        assert [ln["speaker"] for ln in state["transcript"]] == ["caller", "trainee", "caller"]
        assert "1425" in state["transcript"][2]["text"]
        _, answer, _ = say(ws_b, "What's the phone number you're calling from?")
        assert "555" in answer["text"]
    with st.ws(call["call_id"], "trainee", server=0) as ws_a:  # and back to A: nothing lost
        state = recv(ws_a)
        assert len(state["transcript"]) == 5
        ws_a.send(json.dumps({"type": "control", "action": "end"}))
        ended, _ = recv_until(ws_a, "ended")
    with st.client("trainee", server=1) as c:
        assert c.post(f"/api/v1/calls/{call['call_id']}/end").json()["score"] == ended["score"]


def test_bad_messages_get_an_error_and_the_call_goes_on(api_stack):
    call = api_stack.start_call("trainee")
    with api_stack.ws(call["call_id"], "trainee") as ws:
        recv(ws)
        for bad in (
            "not json",
            json.dumps({"type": "shout", "text": "hi"}),
            json.dumps({"type": "say", "text": ""}),
            json.dumps({"type": "say", "text": "x" * 3000}),
            json.dumps({"type": "control", "action": "explode"}),
            json.dumps({"type": "audio", "data": "***not base64***", "final": True}),
            json.dumps({"type": "cad", "fields": {"priority": 9}}),
        ):
            ws.send(bad)
            err = recv(ws)
            assert err["type"] == "error" and err["code"] == "bad_message", (bad, err)
        ws.send(b"\x00\x01binary")
        assert recv(ws)["code"] == "bad_message"
        silence = base64.b64encode(np.zeros(16000, dtype="<i2").tobytes()).decode()
        ws.send(json.dumps({"type": "audio", "data": silence, "final": True}))
        err, _ = recv_until(ws, "error", timeout=300)
        assert err["code"] == "audio" and "silent" in err["message"]
        ws.send(json.dumps({"type": "say", "text": "911, what is the address of your emergency?"}))
        recv_until(ws, "transcript", speaker="trainee")  # the call went on
        recv_until(ws, "transcript", speaker="caller")


def test_the_socket_refuses_strangers(api_stack):
    call = api_stack.start_call("trainee")
    for who, token, code in (("trainee", "not-a-token-at-all-xxxxxxxx", 4401), ("trainee2", None, 4404)):
        with api_stack.ws(call["call_id"], who, token=token) as ws:
            err = recv(ws)
            with pytest.raises(ConnectionClosed) as closed:
                recv(ws)
        assert err["type"] == "error" and closed.value.rcvd.code == code


@pytest.fixture(scope="module")
def strict_limits(tmp_path_factory, pg_server, shared_redis_url, s3_server):
    """An API process that allows two turns and five API requests a minute per user."""
    yield from stack(
        tmp_path_factory,
        pg_server,
        shared_redis_url,
        s3_server,
        rate_limit_turns_per_min=2,
        rate_limit_api_requests_per_min=5,
    )


def test_requests_over_the_per_user_limit_get_429_and_others_are_not_held_back(strict_limits):
    with strict_limits.client("trainee2") as c:
        codes = [c.get("/api/v1/auth/me").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    with strict_limits.client("trainee2") as c:
        assert "too many API requests" in c.get("/api/v1/scenarios").json()["detail"]
    with strict_limits.client("instructor") as c:
        assert c.get("/api/v1/auth/me").status_code == 200


def test_turns_over_the_per_user_limit_are_refused_and_the_call_goes_on(strict_limits):
    call = strict_limits.start_call("trainee")
    with strict_limits.ws(call["call_id"], "trainee") as ws:
        recv(ws)
        say(ws, "911, what is the address of your emergency?")
        say(ws, "What's the phone number you're calling from?")
        ws.send(json.dumps({"type": "say", "text": "Tell me exactly what happened."}))
        err, _ = recv_until(ws, "error")
        assert err["code"] == "rate_limited" and "too many turns" in err["message"]
        ws.send(json.dumps({"type": "control", "action": "end"}))  # not a turn: still works
        ended, _ = recv_until(ws, "ended")
    assert ended["reason"] == "trainee_ended"


def _ogg_opus(pcm: bytes, rate: int) -> bytes:
    """The clip as a browser's MediaRecorder would send it: Opus in Ogg, 48 kHz."""
    import av

    buf = io.BytesIO()
    out = av.open(buf, mode="w", format="ogg")
    stream = out.add_stream("libopus", rate=48000)
    stream.layout = "mono"
    resampler = av.AudioResampler(format="s16", layout="mono", rate=48000)
    frame = av.AudioFrame.from_ndarray(np.frombuffer(pcm, dtype="<i2").reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = rate
    for f in resampler.resample(frame) + resampler.resample(None):
        for packet in stream.encode(f):
            out.mux(packet)
    for packet in stream.encode(None):
        out.mux(packet)
    out.close()
    return buf.getvalue()


def test_an_opus_clip_in_chunks_is_a_turn_too(api_stack):
    call = api_stack.start_call("trainee", mode="push_to_talk")
    pcm, rate = _pcm16(ROOT / "tests/data/speech/is_he_breathing_16k.wav")
    clip = _ogg_opus(pcm, rate)
    assert clip[:4] == b"OggS"
    with api_stack.ws(call["call_id"], "trainee") as ws:
        recv(ws)
        half = len(clip) // 2
        for piece, final in ((clip[:half], False), (clip[half:], True)):
            ws.send(
                json.dumps({"type": "audio", "format": "ogg", "final": final, "data": base64.b64encode(piece).decode()})
            )
        heard, _ = recv_until(ws, "transcript", timeout=300, speaker="trainee")
        assert "breathing" in heard["text"]
        recv_until(ws, "caller_audio", timeout=300)


def test_live_voice_streams_the_microphone_and_the_caller_answers_aloud(api_stack):
    call = api_stack.start_call("trainee", mode="live_voice")
    pcm, rate = _pcm16(ROOT / "tests/data/speech/is_he_breathing_16k.wav")
    frame = rate // 50 * 2  # 20 ms of 16-bit samples
    audio = pcm + bytes(rate * 2 * 2)  # the sentence, then 2 s of quiet
    with api_stack.ws(call["call_id"], "trainee") as ws:
        recv(ws)
        for i in range(0, len(audio) - frame + 1, frame):  # no `final`: the server hears
            ws.send(
                json.dumps(
                    {
                        "type": "audio",
                        "format": "pcm16",
                        "sample_rate": rate,
                        "data": base64.b64encode(audio[i : i + frame]).decode(),
                    }
                )
            )
        heard, _ = recv_until(ws, "transcript", timeout=300, speaker="trainee")
        assert "breathing" in heard["text"]
        recv_until(ws, "transcript", speaker="caller")
        voice, _ = recv_until(ws, "caller_stream", timeout=120)
        samples = np.frombuffer(base64.b64decode(voice["data"]), dtype="<i2")
        assert voice["sample_rate"] == 16000 and len(samples) == 1600
        loud = max(
            np.abs(np.frombuffer(base64.b64decode(recv_until(ws, "caller_stream")[0]["data"]), dtype="<i2")).max()
            for _ in range(5)
        )
        assert loud > 1000  # the caller really speaks


def test_an_interpreter_joins_over_the_socket_and_the_grade_counts_it(api_stack):
    call = api_stack.start_call("trainee", scenario="language-barrier")
    with api_stack.ws(call["call_id"], "trainee") as ws:
        recv(ws)
        say(ws, "911, what is the address of your emergency?")
        ws.send(json.dumps({"type": "control", "action": "interpreter"}))
        say(ws, "Is he breathing?")
        ws.send(json.dumps({"type": "control", "action": "end"}))
        recv_until(ws, "ended")
    from db.engine import session_scope
    from db.queries import get_call

    with session_scope(api_stack.api.backends.engine) as s:
        row = get_call(s, call_id=call["call_id"])
    assert any(e["type"] == "control" and e["data"]["action"] == "interpreter" for e in row["events"])
    joined = row["metrics"]["metrics"]["time_to_interpreter"]  # stored with the grade
    assert joined is not None and joined >= 0
