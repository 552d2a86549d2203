"""Sending learning records: stored records leave the queue, an LRS that is down or
refuses the credentials keeps them queued in order, a record the LRS rejects is
set aside so it does not block the rest, and a call not yet scored waits."""

from __future__ import annotations

import httpx

from sim_core.persist.lrs import LearningRecordRecorder, LrsSender
from sim_core.persist.outbox import FileOutbox
from sim_core.settings import load_settings


def _sender(tmp_path, answers: list[int], scored: set[str], clock=lambda: 1000.0):
    seen: list[tuple[str, str | None]] = []

    def reply(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.params["statementId"], request.headers.get("authorization")))
        return httpx.Response(answers.pop(0) if answers else 204)

    def statement_for(call_id: str):
        if call_id not in scored:
            raise LookupError(f"call {call_id} has not been scored yet")
        return {"id": f"st-{call_id}", "verb": {"id": "completed"}}

    settings = load_settings(
        xapi_endpoint="http://lrs.test/xapi", xapi_username="k", xapi_password="s", data_dir=tmp_path
    )
    sender = LrsSender(
        settings,
        statement_for,
        FileOutbox(tmp_path / "q"),
        dead_letter=tmp_path / "aside",
        client=httpx.Client(transport=httpx.MockTransport(reply)),
        clock=clock,
    )
    sender._kick = lambda: None  # the test drives flush() itself
    return sender, seen


def test_records_wait_while_the_lrs_is_down_and_go_out_in_order(tmp_path):
    sender, seen = _sender(tmp_path, [503, 401], {"a", "b"})
    sender.enqueue("a")
    sender.enqueue("b")
    assert sender.flush() == 0 and "503" in sender.last_error
    assert sender.flush() == 0 and "XAPI_USERNAME" in sender.last_error
    assert sender.flush() == 2 and sender.pending == 0
    assert [s for s, _ in seen] == ["st-a", "st-a", "st-a", "st-b"]
    assert seen[-1][1].startswith("Basic ")


def test_a_rejected_record_is_set_aside_and_an_unscored_call_waits(tmp_path):
    sender, seen = _sender(tmp_path, [400], {"bad", "later"})
    sender.enqueue("bad")
    sender.enqueue("unscored")
    assert sender.flush() == 1  # "bad" set aside, "unscored" waits
    assert len(FileOutbox(tmp_path / "aside")) == 1
    assert sender.pending == 1 and "not been scored" in sender.last_error


def test_a_finished_call_queues_its_record_after_the_score_is_written(tmp_path):
    order: list[str] = []

    class Inner:
        def call_finished(self, *, call_id, result):
            order.append("score")

    sender, _ = _sender(tmp_path, [], set())
    sender.enqueue = lambda call_id: order.append(f"queue {call_id}")
    LearningRecordRecorder(Inner(), sender).call_finished(call_id="c1", result={})
    assert order == ["score", "queue c1"]
