"""The call page: scenario choice, ringing and answer, a typed call to the debrief."""

from __future__ import annotations

import pytest

from db.signed_in import SignedInUser
from tests.app.app_helpers import app_as, shown, texts

GRADES = {"A", "B", "C", "D", "F"}


def _start(at, scenario="cardiac-arrest"):
    at.radio(key="pick_scenario").set_value(scenario)
    at.button(key="start_call").click().run()
    return at


def _say(at, text):
    at.text_input(key="say_text").input(text)
    at.button(key="FormSubmitter:say-Send").click().run()
    return at


def test_filters_narrow_the_scenarios(accounts):
    at = app_as(accounts["tina"])
    at.selectbox(key="pick_type").set_value("cardiac_arrest").run()
    assert {shown(o) for o in at.radio(key="pick_scenario").options} == {
        "Husband collapsed in the kitchen — cardiac arrest, medium",
        "Wife unresponsive in bed, husband alone — cardiac arrest, hard",
    }


def test_typed_call_to_debrief(accounts):
    at = _start(app_as(accounts["tina"]))
    assert ":material/phone_in_talk: Incoming 9-1-1 call" in texts(at, "title")
    ring = at.get("audio")  # the phone rings until it is answered
    assert len(ring) == 1 and ring[0].proto.autoplay and ring[0].proto.loop
    call_id = at.query_params["call"][0] if isinstance(at.query_params["call"], list) else at.query_params["call"]
    at.button(key="answer").click().run()
    assert texts(at, "title") == ["On a call"]
    assert not at.get("audio")  # answered: the ringing stopped
    assert any("husband" in m.lower() for m in texts(at))  # the caller opened
    _say(at, "911, what is the address of your emergency?")
    assert any("1425 Oak Street" in m and "<mark" in m for m in texts(at))  # highlighted entity
    _say(at, "   ")
    assert any("Nothing was said" in e for e in texts(at, "error"))
    at.text_input(key="cad_callback").input("call me maybe")
    at.selectbox(key="cad_priority").set_value(1)
    at.button(key="FormSubmitter:cad-Update CAD").click().run()
    assert any("callback number" in e for e in texts(at, "error"))
    at.text_input(key="cad_callback").input("555-0134")
    at.text_input(key="cad_address").input("1425 Oak Street")
    at.text_input(key="cad_type").input("cardiac arrest")
    at.button(key="FormSubmitter:cad-Update CAD").click().run()
    assert not texts(at, "error")
    at.button(key="hold").click().run()
    assert any("on hold" in m for m in texts(at))
    at.button(key="resume").click().run()
    at.button(key="end_call").click().run()
    assert texts(at, "title") == ["Debrief"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Grade"] in GRADES and "/ 100" in metrics["Overall score"]
    standards = next(d.value for d in at.dataframe if "Measure" in d.value.columns)
    assert "Answer → arrest recognised" in set(standards["Measure"])
    assert any("Never did" in m for m in texts(at))  # a moment that cost points
    assert "Coaching" in texts(at, "subheader")  # the coaching paragraph
    assert "How the caller felt" in texts(at, "subheader")  # the caller's emotional arc
    assert any(m.startswith("You scored") for m in texts(at))  # (template: no LLM here)
    # the call was recorded with the CAD entry
    from db.engine import get_engine, session_scope
    from db.queries import get_call
    from sim_core.settings import get_settings
    from ui import services

    rec = services.recorder()
    if hasattr(rec, "flush"):
        rec.flush()
    with session_scope(get_engine(get_settings())) as s:
        row = get_call(s, call_id=call_id, trainee_id=accounts["tina"]["id"])
    assert row is not None and row["metrics"]["grade"] == metrics["Grade"]
    assert any(e["type"] == "cad_updated" for e in row["events"])


def test_surprise_me_starts_a_call(accounts):
    at = app_as(accounts["tina"])
    at.button(key="surprise").click().run()
    assert ":material/phone_in_talk: Incoming 9-1-1 call" in texts(at, "title")


def test_owner_resumes_own_call_in_a_new_session(accounts):
    at = _start(app_as(accounts["tom"]))
    at.button(key="answer").click().run()
    _say(at, "What is the address?")
    call_id = at.query_params["call"]
    call_id = call_id[0] if isinstance(call_id, list) else call_id
    again = app_as(accounts["tom"], "pages/call.py", call=call_id)  # a reload
    assert texts(again, "title") == ["On a call"]
    assert any("What is the address?" in m for m in texts(again))


def test_trainee_cannot_resume_another_trainees_call(accounts):
    at = _start(app_as(accounts["tom"]))
    call_id = at.query_params["call"]
    call_id = call_id[0] if isinstance(call_id, list) else call_id
    intruder = app_as(accounts["tina"], "pages/call.py", call=call_id)
    assert any("not yours" in e for e in texts(intruder, "error"))
    assert ":material/phone_in_talk: Incoming 9-1-1 call" not in texts(intruder, "title")
    assert "Take a call" in texts(intruder, "title")


def test_picker_shows_the_trainee_brief_not_the_instructor_notes(accounts):
    at = app_as(accounts["tina"])
    at.radio(key="pick_scenario").set_value("wrong-address-first").run()
    captions = " ".join(texts(at, "caption"))
    assert "A man calls about his elderly father, who fell." in captions
    assert "47 Lakeview Terrace" not in captions and "OWN home address" not in captions
    assert not any("wrong address" in o.lower() for o in at.radio(key="pick_scenario").options)


def test_console_shows_the_silent_calls_location_while_ringing_and_on_the_call(accounts):
    at = _start(app_as(accounts["tina"]), "silent-call")
    ringing = " ".join(texts(at))
    assert "ANI / ALI" in ringing and "604 Ash Street" in ringing and "555-0162" in ringing
    at.button(key="answer").click().run()
    on_call = " ".join(texts(at))
    assert "604 Ash Street" in on_call and "Landline" in on_call


def test_console_gives_a_wireless_caller_only_the_block_and_a_radius(accounts):
    at = _start(app_as(accounts["tom"]), "wrong-address-first")
    shown = " ".join(texts(at))
    assert "Hillcrest Road, 900–999 block" in shown and "± 150 m" in shown
    assert "912 Hillcrest Road" not in shown


def test_the_call_timer_counts_from_answer_and_ring_time_is_shown_apart():
    from sim_core.scenario import ScenarioLibrary
    from sim_core.session import CallSession
    from sim_core.settings import get_settings
    from ui import calls

    now = [1000.0]
    sc = ScenarioLibrary(get_settings().scenarios_dir).get("stroke")
    call = CallSession.start(sc, trainee_id="t", clock=lambda: now[0])
    now[0] += 12
    call.answer()
    now[0] += 28
    assert calls.ring_time(call) == 12
    assert calls.talk_clock(call) == 28  # the ring is not counted as talk time


def _spoken_call(user, text, confidence, unsure):
    """A call on the desk where the trainee's line came from the recogniser."""
    from ui import calls

    sc = next(s for s, _v in calls.scenarios() if s.id == "cardiac-arrest")
    call = calls.new_call(sc, None, SignedInUser.from_dict(user), mode="push_to_talk")
    call.answer()
    call.trainee_says(text, confidence=confidence, unsure_words=unsure)
    return call


def test_doubtful_speech_is_marked_and_its_address_is_not_a_fact(accounts):
    call = _spoken_call(accounts["tina"], "Is the address 1245 Elm Street, and who is hurt?", 0.55, ("Elm", "hurt?"))
    at = app_as(accounts["tina"], "pages/call.py", call=call.call_id)
    assert texts(at, "title") == ["On a call"]
    raw = " ".join(texts(at, raw=True))
    # the unsure words are underlined with a question mark; the line shows how sure it was
    assert raw.count('title="heard, not sure"') == 2
    assert "heard 55% — check it" in " ".join(texts(at))
    # the trainee's misheard address is a lead to confirm, not an extracted fact
    panel = next(m for m in texts(at) if "Callback" in m and "Address" in m)
    address_row = panel.split("Address", 1)[1].split("Callback", 1)[0]
    assert "unconfirmed: <i>1245 Elm Street</i>?" in address_row
    assert "1425 Oak Street" in address_row.split("unconfirmed")[0]  # the caller's own words are
    assert "1245 Elm Street" not in address_row.split("unconfirmed")[0]


def test_clearly_heard_and_typed_lines_carry_no_doubt_marks(accounts):
    call = _spoken_call(accounts["tom"], "Is the address 1245 Elm Street?", 0.95, ())
    call.trainee_says("Is 555-0134 your callback number?")  # typed
    at = app_as(accounts["tom"], "pages/call.py", call=call.call_id)
    raw = " ".join(texts(at, raw=True))
    assert "heard, not sure" not in raw and "check it" not in raw
    assert "heard 95%" in " ".join(texts(at))
    panel = next(m for m in texts(at) if "Callback" in m and "Address" in m)
    assert "unconfirmed" not in panel and "1245 Elm Street" in panel


def test_unsure_words_escape_like_any_user_text():
    from ui.widgets import highlight

    out = highlight("send <b>help</b> to 12 Main", [], ("<b>help</b>",))
    assert "<b>" not in out and 'title="heard, not sure"' in out


@pytest.fixture()
def broken_model(tmp_path, monkeypatch):
    """WHISPER_MODEL_DIR names a folder whose model cannot load (for this test only)."""
    from sim_core.settings import get_settings
    from ui import services, voice

    broken = tmp_path / "whisper"
    broken.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (broken / name).write_text("{}")
    (broken / "model.bin").write_bytes(b"not a model" * 100)
    monkeypatch.setenv("WHISPER_MODEL_DIR", str(broken))
    monkeypatch.setenv("STT_BACKEND", "whisper")

    def fresh():
        get_settings.cache_clear()
        services.settings.clear()
        voice.stt.clear()

    fresh()
    yield broken
    monkeypatch.undo()
    fresh()


def test_a_model_that_fails_to_load_is_named_and_the_call_goes_on_in_text(accounts, broken_model):
    at = app_as(accounts["tina"])
    at.radio(key="pick_mode").set_value("Push-to-talk")
    _start(at).button(key="answer").click().run()
    warning = " ".join(texts(at, "warning"))
    assert "Speech is not available" in warning and "WHISPER_MODEL_DIR" in warning
    assert "failed to load" in warning and "Typed" in warning
    at.radio(key="talk_mode").set_value("Typed").run()
    _say(at, "911, what is the address of your emergency?")
    shown_text = " ".join(texts(at))
    assert "what is the address of your emergency?" in shown_text and "1425 Oak Street" in shown_text


def test_the_trainee_brings_an_interpreter_onto_the_line(accounts):
    at = _start(app_as(accounts["tom"]), "language-barrier")
    at.button(key="answer").click().run()
    assert at.button(key="interpreter").label == "Interpreter" and not at.button(key="interpreter").disabled
    at.button(key="interpreter").click().run()
    assert at.button(key="interpreter").label == "Interpreter on" and at.button(key="interpreter").disabled
    call_id = at.query_params["call"]
    call_id = call_id[0] if isinstance(call_id, list) else call_id
    from ui import calls

    assert calls.find_call(call_id, SignedInUser.from_dict(accounts["tom"])).interpreter_on
    _say(at, "911, what is the address of your emergency?")
    relayed = next(m for m in texts(at) if "through the interpreter" in m)
    assert "2045 Cypress Avenue, apartment 7." in relayed  # the interpreter's English
    assert "dos mil cuarenta y cinco" in relayed  # what she said, in Spanish
    at.button(key="end_call").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert texts(at, "title") == ["Debrief"] and metrics["Grade"] in GRADES
