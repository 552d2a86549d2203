"""The review page: a trainee sees only their own calls, staff see everyone's."""

from __future__ import annotations

from tests.app.app_helpers import app_as, texts


def test_trainee_lists_only_own_calls(accounts, recorded_calls):
    at = app_as(accounts["tina"], "pages/review.py")
    assert not at.exception
    assert "My calls" in texts(at, "title")
    df = at.dataframe[0].value
    assert "trainee" not in df.columns
    assert recorded_calls["tina"] in set(df["id"])
    assert recorded_calls["tom"] not in set(df["id"])


def test_trainee_cannot_open_another_trainees_call_by_url(accounts, recorded_calls):
    at = app_as(accounts["tina"], "pages/review.py", call=recorded_calls["tom"])
    assert any("does not exist or is not yours" in e for e in texts(at, "error"))
    assert not any("Review ·" in t for t in texts(at, "title"))


def test_trainee_opens_own_call(accounts, recorded_calls):
    at = app_as(accounts["tina"], "pages/review.py", call=recorded_calls["tina"])
    assert not at.exception
    assert any(t.startswith("Review ·") for t in texts(at, "title"))
    body = " ".join(texts(at))
    assert "address of your emergency" in body
    assert "Comments" not in texts(at, "text_area")  # trainees cannot comment


def test_instructor_sees_all_calls_and_comments(accounts, recorded_calls):
    at = app_as(accounts["ivan"], "pages/review.py")
    ids = set(at.dataframe[0].value["id"])
    assert {recorded_calls["tina"], recorded_calls["tom"]} <= ids
    at = app_as(accounts["ivan"], "pages/review.py", call=recorded_calls["tom"])
    at.text_area(key="rv_comment").input("Verify the address before anything else.")
    at.button(key="FormSubmitter:comment-Save comment").click().run()
    assert not at.exception
    assert any("Verify the address" in m for m in texts(at))


def test_empty_comment_is_rejected(accounts, recorded_calls):
    at = app_as(accounts["ivan"], "pages/review.py", call=recorded_calls["tom"])
    at.button(key="FormSubmitter:comment-Save comment").click().run()
    assert any("Write something" in e for e in texts(at, "error"))


def test_cad_against_truth_shown(accounts, recorded_calls):
    at = app_as(accounts["sue"], "pages/review.py", call=recorded_calls["tina"])
    frames = [d.value for d in at.dataframe]
    cad = next(f for f in frames if "truth" in f.columns)
    row = cad[cad["field"] == "Address"].iloc[0]
    assert row["truth"] == "1425 Oak Street" and row["match"] == "✓ matches"
    # field names and the incident type in words; nothing entered is a dash, not "None"
    assert "Incident type" in set(cad["field"]) and not any("_" in v for v in cad["truth"])
    assert "None" not in set(cad["entered"]) | set(cad["truth"]) | set(cad["first entered (s from answer)"])
    events = next(d.value for d in at.dataframe if "event" in d.value.columns)
    cad_lines = [d for d in events["detail"] if "Oak Street" in d and "Address" in d]
    assert cad_lines and all("=" not in d for d in cad_lines)  # "Address: 1425 Oak Street", not address=…
    assert any("ANI / ALI" in m and "1425 Oak Street" in m for m in texts(at))  # landline


def test_review_names_the_trainee_and_counts_from_answer(accounts, recorded_calls):
    at = app_as(accounts["ivan"], "pages/review.py", call=recorded_calls["tom"])
    assert any(c.startswith("**Tom**") for c in texts(at, "caption"))
    events = next(d.value for d in at.dataframe if "event" in d.value.columns)
    answered = events[events["event"] == "Call answered"]["s from answer"].iloc[0]
    said = events[events["detail"].str.contains("breathing normally", na=False)]
    assert answered == 0.0
    assert list(said["s from answer"]) == [9.0]  # said at 12 s on a call answered at 3 s
    assert "Call answered" in set(events["event"])  # human words, not call_answered
    # the location check's heading is bold, not shown with its asterisks
    location = [m for m in texts(at) if "Location:" in m]
    assert location and all(m.startswith("**Location:** ") for m in location)


def test_calls_list_filters_by_trainee_with_human_words_and_whole_scores(accounts, recorded_calls):
    at = app_as(accounts["sue"], "pages/review.py")
    at.selectbox(key="rv_trainee").set_value(accounts["tom"]["id"]).run()
    df = at.dataframe[0].value
    assert set(df["id"]) >= {recorded_calls["tom"]} and recorded_calls["tina"] not in set(df["id"])
    assert set(df["trainee"]) == {"Tom"}
    row = df[df["id"] == recorded_calls["tom"]].iloc[0]
    assert row["mode"] == "Typed" and row["status"] == "Scored"
    at = app_as(accounts["sue"], "pages/review.py", call=recorded_calls["tom"])
    overall = {m.label: m.value for m in at.metric}["Overall score"]
    assert overall == f"{int(row['score'])} / 100"  # the list and the debrief agree


def test_staff_find_calls_the_server_ended_as_abandoned(accounts):
    """A call nobody stayed on is listed as abandoned, scored, and its review says so."""
    import time

    from db.recorder import build_recorder
    from sim_core.scenario import ScenarioLibrary
    from sim_core.session import CallSession
    from sim_core.settings import get_settings

    settings = get_settings()
    now = time.time()
    call = CallSession.start(
        ScenarioLibrary(settings.scenarios_dir).get("cardiac-arrest"),
        trainee_id=accounts["tina"]["id"],
        recorder=build_recorder(settings),
        clock=lambda: now,
    )
    call.trainee_says("911, what is the address of your emergency?", at=3.0)
    call.end(at=200.0, reason="abandoned")
    at = app_as(accounts["sue"], "pages/review.py")
    at.selectbox(key="rv_status").set_value("abandoned").run()
    df = at.dataframe[0].value
    assert call.call_id in set(df["id"]) and set(df["status"]) == {"Abandoned"}
    assert df[df["id"] == call.call_id]["score"].notna().all()  # scored as it stood
    at = app_as(accounts["sue"], "pages/review.py", call=call.call_id)
    assert "ended by the server" in " ".join(texts(at))
