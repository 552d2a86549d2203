"""Learning records: a finished call as an xAPI statement, exported through the API
and sent to an LRS (a stand-in on loopback) that is down at first, so the record
waits in the queue and goes out when the LRS answers."""

from __future__ import annotations

import pytest

from tests.integration.api_harness import FakeLrs, stack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]
LRS_USER, LRS_PASSWORD = "lrs-key", "lrs-secret"


@pytest.fixture(scope="module")
def lrs():
    server = FakeLrs(LRS_USER, LRS_PASSWORD, fail_first=2)
    yield server
    server.close()


@pytest.fixture(scope="module")
def xapi_stack(tmp_path_factory, pg_server, shared_redis_url, s3_server, lrs):
    yield from stack(
        tmp_path_factory,
        pg_server,
        shared_redis_url,
        s3_server,
        xapi_endpoint=lrs.url,
        xapi_username=LRS_USER,
        xapi_password=LRS_PASSWORD,
        xapi_retry_s=0.2,
        xapi_activity_base="https://training.example.org",
    )


def test_a_finished_call_reaches_the_lrs_after_it_was_down(xapi_stack, lrs):
    call = xapi_stack.start_call("trainee")
    with xapi_stack.client("trainee") as c:
        score = c.post(f"/api/v1/calls/{call['call_id']}/end").json()
        exported = c.get(f"/api/v1/calls/{call['call_id']}/xapi").json()
    lrs.wait_for(1)
    assert len(lrs.attempts) >= 3  # two refusals (503), then stored
    assert all(a["version"] == "1.0.3" for a in lrs.attempts)
    assert lrs.attempts[-1]["path"] == f"/xapi/statements?statementId={exported['id']}"
    sent = lrs.statements[exported["id"]]
    assert sent == exported  # the same record both ways
    assert sent["actor"]["account"] == {"homePage": "https://training.example.org", "name": "trainee"}
    assert sent["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert sent["object"]["id"] == "https://training.example.org/scenarios/cardiac-arrest"
    assert sent["result"]["score"]["raw"] == score["score"]
    assert sent["result"]["score"]["scaled"] == pytest.approx(score["score"] / 100, abs=1e-4)
    assert sent["result"]["duration"].startswith("PT") and sent["result"]["completion"] is True
    metrics = sent["result"]["extensions"]["https://training.example.org/xapi/extensions/metrics"]
    assert metrics == score["metrics"]
    assert sent["context"]["registration"] == call["call_id"]
    sender = xapi_stack.api.backends.desk.recorder.sender
    sender.flush()  # waits out the send in flight: the LRS stores before the sender hears back
    assert sender.pending == 0


def test_the_record_is_a_json_download_only_for_who_may_see_the_call(xapi_stack):
    call = xapi_stack.start_call("trainee")
    cid = call["call_id"]
    with xapi_stack.client("trainee") as c:
        running = c.get(f"/api/v1/calls/{cid}/xapi")
        c.post(f"/api/v1/calls/{cid}/end")
        download = c.get(f"/api/v1/calls/{cid}/xapi", params={"download": True})
    assert running.status_code == 409 and "not been scored" in running.json()["detail"]
    assert download.status_code == 200
    assert download.headers["content-disposition"] == f'attachment; filename="call-{cid}.xapi.json"'
    assert download.json()["actor"]["name"] == "Trainee"
    with xapi_stack.client("trainee2") as c:
        assert c.get(f"/api/v1/calls/{cid}/xapi").status_code == 404
    with xapi_stack.client("supervisor") as c:
        assert c.get(f"/api/v1/calls/{cid}/xapi").json()["id"] == download.json()["id"]
