"""The API's REST side through a real server (uvicorn) on PostgreSQL, Redis and S3:
health and readiness, sign-in and tokens, role refusals, scenarios created as
drafts through the editor's path, a call started, read and ended, and bad
payloads answered with a clear 4xx, never a 500."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.api_harness import PASSWORD, ApiServer, api_stack, forget_sign_in_failures, make_settings  # noqa: F401

pytestmark = [pytest.mark.integration, pytest.mark.timeout(600)]

NEW_SCENARIO = {
    "id": "api-made-fall",
    "title": "Neighbour fell on the stairs",
    "description": "A fall.",
    "call_type": "medical",
    "difficulty": "easy",
    "caller": {"name": "Sam", "relation": "neighbour", "party": "second"},
    "location": {"address": "12 Elm Street"},
    "callback": "555-0199",
    "facts": {"chief_complaint": "my neighbour fell down the stairs"},
    "protocol": {"required_acts": [{"act": "ask_address", "deadline_s": 20, "category": "case_entry"}]},
    "cad": {"address": "12 Elm Street", "incident_type": "fall", "priority": 3},
    "script": {"opening": ["911? My neighbour fell."], "answers": {"address": "12 Elm Street."}},
}


def test_health_and_ready_report_every_configured_dependency(api_stack):
    with api_stack.client() as c:
        assert c.get("/health").json() == {"status": "ok"}
        ready = c.get("/ready")
    assert ready.status_code == 200, ready.text
    checks = {r["name"]: r for r in ready.json()["checks"]}
    for name in ("database", "redis", "object store"):
        assert checks[name]["configured"] and checks[name]["status"] == "ok"


def test_ready_is_503_and_names_the_dependency_that_is_down(api_stack, unused_port, tmp_path):
    settings = make_settings(
        tmp_path,
        api_stack.settings.database_url,
        f"redis://127.0.0.1:{unused_port}/0",
        (api_stack.settings.s3_endpoint, api_stack.settings.s3_access_key, api_stack.settings.s3_secret_key),
    )
    server = ApiServer(settings).start()
    try:
        r = httpx.get(f"{server.base}/ready", timeout=60)
    finally:
        server.stop()
    assert r.status_code == 503
    assert r.json()["failing"] == ["redis"]
    assert "REDIS_URL" in r.json()["detail"]


def test_with_the_database_down_the_api_says_so_and_never_answers_500(api_stack, unused_port, tmp_path):
    settings = make_settings(
        tmp_path,
        f"postgresql://postgres@127.0.0.1:{unused_port}/x",
        api_stack.settings.redis_url,
        (api_stack.settings.s3_endpoint, api_stack.settings.s3_access_key, api_stack.settings.s3_secret_key),
    )
    server = ApiServer(settings).start()
    try:
        with httpx.Client(base_url=server.base, timeout=60) as c:
            assert c.get("/health").status_code == 200
            ready = c.get("/ready")
            token = c.post("/api/v1/auth/token", json={"username": "admin", "password": PASSWORD})
            call = c.get("/api/v1/scenarios", headers={"Authorization": "Bearer " + "y" * 43})
    finally:
        server.stop()
    assert ready.status_code == 503 and ready.json()["failing"] == ["database"]
    assert "DATABASE_URL" in ready.json()["detail"]
    for r in (token, call):
        assert r.status_code == 503 and "database" in r.json()["detail"]


def test_the_openapi_description_documents_the_websocket_messages(api_stack):
    with api_stack.client() as c:
        spec = c.get("/openapi.json").json()
        assert c.get("/docs").status_code == 200
    socket = spec["paths"]["/ws/call/{call_id}"]["get"]
    assert "state" in socket["description"] and "caller_audio" in socket["description"]
    schemas = spec["components"]["schemas"]
    for name in (
        "SayMessage",
        "AudioMessage",
        "ControlMessage",
        "CadMessage",
        "StateMessage",
        "TranscriptMessage",
        "EntityMessage",
        "EmotionMessage",
        "CallerAudioMessage",
        "CallerStreamMessage",
        "TimerMessage",
        "EndedMessage",
        "ErrorMessage",
    ):
        assert name in schemas, name
    kinds = {ref["$ref"].rsplit("/", 1)[-1] for ref in schemas["ClientMessage"]["oneOf"]}
    assert kinds == {"SayMessage", "AudioMessage", "ControlMessage", "CadMessage"}
    assert "/api/v1/calls/start" in spec["paths"] and "/ready" in spec["paths"]


def test_unauthenticated_requests_get_401(api_stack):
    with api_stack.client() as c:
        for method, path in (
            ("GET", "/api/v1/scenarios"),
            ("POST", "/api/v1/calls/start"),
            ("GET", "/api/v1/calls/abc"),
            ("GET", "/api/v1/auth/me"),
            ("POST", "/api/v1/scenarios"),
        ):
            r = c.request(method, path, json={})
            assert r.status_code == 401, (method, path, r.text)
            assert r.headers["www-authenticate"] == "Bearer"
        r = c.get("/api/v1/scenarios", headers={"Authorization": "Bearer " + "x" * 43})
        assert r.status_code == 401 and "expired or revoked" in r.json()["detail"]


def test_wrong_password_is_refused_and_repeated_failures_pause_sign_in(api_stack):
    forget_sign_in_failures(api_stack.settings.redis_url)  # earlier tests' failures from here
    with api_stack.client() as c:
        cfg = api_stack.settings  # whichever pauses first: this username or this address
        for _ in range(min(cfg.rate_limit_sign_in_failures, cfg.rate_limit_sign_in_failures_per_address)):
            r = c.post("/api/v1/auth/token", json={"username": "locked", "password": "nope"})
            assert r.status_code == 401 and "wrong username or password" in r.json()["detail"]
        r = c.post("/api/v1/auth/token", json={"username": "locked", "password": PASSWORD})
    assert r.status_code == 429 and "sign-in paused" in r.json()["detail"]


def test_admin_issues_an_api_token_that_signs_in_until_revoked(api_stack):
    with api_stack.client("trainee") as c:
        refused = c.post("/api/v1/admin/api-tokens", json={"username": "trainee"})
    assert refused.status_code == 403
    with api_stack.client("admin") as c:
        issued = c.post("/api/v1/admin/api-tokens", json={"username": "instructor", "days": 30})
    assert issued.status_code == 201, issued.text
    api_token = issued.json()["api_token"]
    with httpx.Client(base_url=api_stack.api.base, timeout=30) as c:
        me = c.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {api_token}"})
        assert me.json()["username"] == "instructor" and me.json()["role"] == "instructor"
        swapped = c.post("/api/v1/auth/token", json={"api_token": api_token})
        assert swapped.status_code == 200 and swapped.json()["user"]["username"] == "instructor"
        shift = {"Authorization": f"Bearer {swapped.json()['access_token']}"}
        assert c.get("/api/v1/auth/me", headers=shift).status_code == 200
        assert c.delete("/api/v1/auth/token", headers=shift).status_code == 204
        assert c.get("/api/v1/auth/me", headers=shift).status_code == 401  # signed out
        assert c.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {api_token}"}).status_code == 200


def test_scenarios_list_filters_and_hide_the_truth_from_trainees(api_stack):
    with api_stack.client("trainee") as c:
        everything = c.get("/api/v1/scenarios").json()
        medical = c.get("/api/v1/scenarios", params={"difficulty": "hard"}).json()
        arrest = c.get("/api/v1/scenarios", params={"call_type": "cardiac_arrest"}).json()
        detail = c.get("/api/v1/scenarios/cardiac-arrest").json()
    assert len(everything) >= 20 and all(s["status"] == "published" for s in everything)
    assert medical and all(s["difficulty"] == "hard" for s in medical)
    assert sorted(s["id"] for s in arrest) == ["cardiac-arrest", "cardiac-arrest-bed"]
    assert "content" not in detail and detail["title"]
    with api_stack.client("instructor") as c:
        full = c.get("/api/v1/scenarios/cardiac-arrest").json()
    assert full["content"]["location"]["address"].startswith("1425")


def test_an_instructor_creates_a_draft_that_trainees_cannot_see_or_take(api_stack):
    with api_stack.client("trainee") as c:
        assert c.post("/api/v1/scenarios", json={"scenario": NEW_SCENARIO}).status_code == 403
    with api_stack.client("instructor") as c:
        made = c.post("/api/v1/scenarios", json={"scenario": NEW_SCENARIO})
        again = c.post("/api/v1/scenarios", json={"scenario": NEW_SCENARIO})
        drafts = c.get("/api/v1/scenarios", params={"include_drafts": True}).json()
        tried = c.post("/api/v1/calls/start", json={"scenario_id": NEW_SCENARIO["id"]})
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "draft" and made.json()["version"] == 1
    assert again.status_code == 409 and "already exists" in again.json()["detail"]
    assert NEW_SCENARIO["id"] in {s["id"] for s in drafts}
    assert tried.status_code == 201  # an instructor may try a draft
    with api_stack.client("trainee") as c:
        listed = {s["id"] for s in c.get("/api/v1/scenarios").json()}
        assert NEW_SCENARIO["id"] not in listed
        assert c.get(f"/api/v1/scenarios/{NEW_SCENARIO['id']}").status_code == 404
        assert c.post("/api/v1/calls/start", json={"scenario_id": NEW_SCENARIO["id"]}).status_code == 404
    from db.engine import session_scope
    from db.scenarios import get_scenario, publish_version, version_history

    with session_scope(api_stack.api.backends.engine) as s:
        assert get_scenario(s, slug=NEW_SCENARIO["id"]).active is True  # a draft, not switched off
        saved = version_history(s, slug=NEW_SCENARIO["id"])[0]
        assert saved["author"] == "instructor" and saved["status"] == "draft"
        publish_version(s, version_id=saved["id"], by=None)  # what Publish in the editor does
    with api_stack.client("trainee") as c:
        listed = {s["id"]: s for s in c.get("/api/v1/scenarios").json()}
        started = c.post("/api/v1/calls/start", json={"scenario_id": NEW_SCENARIO["id"]})
    assert listed[NEW_SCENARIO["id"]]["status"] == "published"
    assert started.status_code == 201 and started.json()["scenario"]["status"] == "published"


def test_scenario_problems_are_listed_like_the_editor_lists_them(api_stack):
    broken = dict(NEW_SCENARIO, id="broken-one", difficulty="extreme")
    broken.pop("callback")
    with api_stack.client("instructor") as c:
        r = c.post("/api/v1/scenarios", json={"scenario": broken})
        y = c.post("/api/v1/scenarios", json={"yaml": "id: [unclosed"})
    assert r.status_code == 422
    problems = r.json()["detail"]["problems"]
    assert any(p.startswith("difficulty") for p in problems)
    assert any(p.startswith("callback") for p in problems)
    assert y.status_code == 422 and y.json()["detail"]["problems"]


def test_a_call_started_read_and_ended_over_rest(api_stack):
    started = api_stack.start_call("trainee")
    assert started["status"] == "active" and len(started["opening"]) > 10
    cid = started["call_id"]
    with api_stack.client("trainee") as c:
        live = c.get(f"/api/v1/calls/{cid}").json()
        assert live["live"] and live["status"] == "active" and live["emotion"]
        transcript = c.get(f"/api/v1/calls/{cid}/transcript").json()
        assert transcript["lines"][0] == {**transcript["lines"][0], "speaker": "caller", "text": started["opening"]}
        assert c.get(f"/api/v1/calls/{cid}/xapi").status_code == 409  # not scored yet
        ended = c.post(f"/api/v1/calls/{cid}/end").json()
        assert 0 <= ended["score"] <= 100 and ended["grade"] and ended["level"]
        assert ended["end_reason"] == "trainee_ended"
        again = c.post(f"/api/v1/calls/{cid}/end").json()
        assert again["score"] == ended["score"]
        stored = c.get("/api/v1/calls").json()
    mine = next(x for x in stored if x["call_id"] == cid)
    assert mine["status"] == "scored" and mine["score"] == ended["score"]


def test_role_rules_match_the_pages(api_stack):
    cid = api_stack.start_call("trainee")["call_id"]
    with api_stack.client("supervisor") as c:
        assert c.post("/api/v1/calls/start", json={"scenario_id": "cardiac-arrest"}).status_code == 403
        assert c.get(f"/api/v1/calls/{cid}").json()["status"] == "in_progress"  # stored view
        assert c.post(f"/api/v1/calls/{cid}/end").status_code == 404  # not theirs to end
    with api_stack.client("trainee2") as c:
        for path in (f"/api/v1/calls/{cid}", f"/api/v1/calls/{cid}/transcript", f"/api/v1/calls/{cid}/xapi"):
            assert c.get(path).status_code == 404, path
        assert c.post(f"/api/v1/calls/{cid}/end").status_code == 404
        assert all(x["call_id"] != cid for x in c.get("/api/v1/calls").json())
    with api_stack.client("trainee") as c:
        c.post(f"/api/v1/calls/{cid}/end")
    with api_stack.client("instructor") as c:  # instructors review every trainee's calls
        assert c.get(f"/api/v1/calls/{cid}/transcript").status_code == 200
        assert c.get(f"/api/v1/calls/{cid}/xapi").status_code == 200


BAD = [
    ("POST", "/api/v1/calls/start", {}, 422),
    ("POST", "/api/v1/calls/start", {"scenario_id": "cardiac-arrest", "mode": "telepathy"}, 422),
    ("POST", "/api/v1/calls/start", {"scenario_id": "no-such-scenario"}, 404),
    ("POST", "/api/v1/calls/start", {"scenario_id": "cardiac-arrest", "extra": 1}, 422),
    ("POST", "/api/v1/calls/start", "not json at all", 422),
    ("POST", "/api/v1/calls/start", [1, 2, 3], 422),
    ("GET", "/api/v1/calls/..%2F..%2Fetc", None, 404),
    ("GET", "/api/v1/calls/" + "a" * 80, None, 422),
    ("GET", "/api/v1/calls/not-a-uuid-at-all", None, 404),
    ("GET", "/api/v1/calls/00000000-0000-0000-0000-000000000000/transcript", None, 404),
    ("POST", "/api/v1/calls/00000000-0000-0000-0000-000000000000/end", None, 404),
    ("GET", "/api/v1/scenarios?difficulty=extreme", None, 422),
    ("POST", "/api/v1/scenarios", {"scenario": {"id": "x"}, "yaml": "id: x"}, 422),
    ("POST", "/api/v1/scenarios", {"scenario": "a string"}, 422),
    ("POST", "/api/v1/auth/token", {"username": "a"}, 422),
    ("POST", "/api/v1/auth/token", {"username": "a", "password": "b", "api_token": "c" * 30}, 422),
    ("POST", "/api/v1/admin/api-tokens", {"username": "nobody-here"}, 404),
    ("POST", "/api/v1/admin/api-tokens", {"username": "trainee", "days": -1}, 422),
]


@pytest.mark.parametrize("method,path,body,expected", BAD)
def test_bad_payloads_get_a_clear_4xx_never_a_500(api_stack, method, path, body, expected):
    with api_stack.client("admin") as c:
        if isinstance(body, str):
            r = c.request(method, path, content=body, headers={"Content-Type": "application/json"})
        else:
            r = c.request(method, path, json=body)
    assert r.status_code == expected, r.text
    assert r.json()["detail"]  # says what is wrong


def test_new_calls_per_hour_are_limited_per_user(api_stack):
    limit = api_stack.settings.rate_limit_calls_per_hour
    with api_stack.client("instructor") as c:
        codes = [c.post("/api/v1/calls/start", json={"scenario_id": "fall"}).status_code for _ in range(limit + 1)]
        other = api_stack.start_call("trainee2", "fall")
    assert codes.count(429) >= 1 and codes[-1] == 429
    assert other["status"] == "active"  # another user is not limited by it
    with api_stack.client("instructor") as c:
        r = c.post("/api/v1/calls/start", json={"scenario_id": "fall"})
    assert "too many new calls" in r.json()["detail"]
