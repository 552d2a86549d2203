"""Take a call: choose a scenario, answer the ringing phone, talk, fill the CAD,
end the call and read the debrief. Live parts refresh themselves (fragments)."""

from __future__ import annotations

import streamlit as st

from sim_core.call_status import CallInputError, CallStatus
from sim_core.caller.arc import emotion_arc
from sim_core.llm.debrief import write_debrief
from sim_core.ratelimit import RateLimited
from sim_core.scenario.console import console_view, trainee_brief
from ui import auth, calls, debrief, service_status, services, voice, widgets
from ui.access import require_role
from ui.labels import human
from ui.safe_text import md

user = require_role("trainee", "instructor")
MODES = {"Typed": "text", "Push-to-talk": "push_to_talk", "Live voice": "live_voice"}


def _forget_call() -> None:
    st.session_state.pop("call_id", None)
    st.query_params.pop("call", None)


def chooser() -> None:
    st.title("Take a call")
    options = calls.scenarios()
    if not options:
        st.error("No active scenarios. Ask an instructor to activate one.")
        return
    types = sorted({sc.call_type for sc, _ in options})
    c1, c2, c3 = st.columns([2, 2, 1])
    ctype = c1.selectbox("Call type", ["Any"] + types, key="pick_type", format_func=lambda x: x.replace("_", " "))
    diff = c2.selectbox("Difficulty", ["Any", "easy", "medium", "hard"], key="pick_difficulty")
    shown = [
        (sc, v)
        for sc, v in options
        if (ctype == "Any" or sc.call_type == ctype) and (diff == "Any" or sc.difficulty == diff)
    ]
    c3.write("")
    surprise = c3.button("Surprise me", icon=":material/casino:", width="stretch", key="surprise")
    mode_label = st.radio(
        "How you will talk", list(MODES), horizontal=True, key="pick_mode", help="You can switch during the call."
    )
    if surprise:
        pick = calls.pick_surprise(options)
        _start(*pick, MODES[mode_label])
        return
    if not shown:
        st.info("No scenario matches these filters.")
        return
    labels = {sc.id: md(f"{sc.title} — {sc.call_type.replace('_', ' ')}, {sc.difficulty}") for sc, _ in shown}
    chosen = st.radio("Scenario", list(labels), format_func=labels.get, key="pick_scenario")
    sc, version = next((s, v) for s, v in shown if s.id == chosen)
    st.caption(md(trainee_brief(sc)))
    if st.button("Start the call", type="primary", icon=":material/call:", key="start_call"):
        _start(sc, version, MODES[mode_label])


def coaching(call_id: str, result: dict, scenario) -> str:
    """The coaching paragraph, written once per call (LLM when configured, else the template)."""
    key = f"coaching_{call_id}"
    if key not in st.session_state:
        st.session_state[key] = write_debrief(result, scenario, services.llm_client()).text
    return st.session_state[key]


def _start(sc, version, mode) -> None:
    try:
        services.rate_limits().calls.check(user.id)
    except RateLimited as exc:
        st.error(str(exc).capitalize() + ".")
        return
    call = calls.new_call(sc, version, user, mode=mode)
    st.session_state["call_id"] = call.call_id
    st.session_state["talk_mode"] = next(k for k, v in MODES.items() if v == mode)
    st.query_params["call"] = call.call_id
    st.rerun()


def ringing(call) -> None:
    st.title(":material/phone_in_talk: Incoming 9-1-1 call")

    @st.fragment(run_every=1.0)
    def ring_timer() -> None:
        calls.heartbeat(call)
        st.markdown(f"### :material/ring_volume: Ringing… {widgets.fmt_clock(calls.call_clock(call))}")
        st.caption("Answer quickly: NENA expects 90% of calls answered within 15 s.")

    ring_timer()
    widgets.console_panel(console_view(call.scenario))
    st.audio(voice.ring_tone(), format="audio/wav", autoplay=True, loop=True, width=360)
    if st.button("Answer", type="primary", icon=":material/call:", key="answer"):
        call.answer()
        st.rerun()


def active(call) -> None:
    sc = call.scenario
    st.title(f"On a call · {md(sc.title)}" if user.role != "trainee" else "On a call")
    left, right = st.columns([3, 2], gap="medium")
    rows = calls.transcript_rows(call)
    st.session_state["shown_lines"] = len(rows)
    with left:
        widgets.transcript(rows)
        mode = st.radio("Talk by", list(MODES), horizontal=True, key="talk_mode", label_visibility="collapsed")
        if MODES[mode] == "text":
            say_form(call)
        elif MODES[mode] == "push_to_talk":
            voice.push_to_talk(call)
        else:
            voice.live_voice(call)
        controls(call)
    with right:
        live_status(call)
        widgets.console_panel(console_view(sc))
        cad_form(call)


@st.fragment(run_every=1.0)
def live_status(call) -> None:
    """Every second: let time pass in the call (timed events, silence), say which backend
    is down if any, and redraw the timer, emotion and extracted information; redraw the
    page when the caller spoke."""
    if auth.current_user(max_age_s=5.0) is None:  # access ended: the router shows sign-in
        st.rerun(scope="app")
    calls.heartbeat(call)
    try:
        calls.tick_unless_busy(call)
    except Exception as exc:
        st.warning(f"The caller stalled ({exc.__class__.__name__}); keep talking.")
    for notice in service_status.notices():  # a backend down: say so, the call goes on
        st.warning(notice, icon=":material/cloud_off:")
    said = len(call.timeline.said())
    if call.status == CallStatus.ENDED or said != st.session_state.get("shown_lines", said):
        st.rerun(scope="app")
    state = "on hold" if call.held else "muted" if call.muted else "connected"
    rang = calls.ring_time(call)
    st.markdown(f"### :material/timer: {widgets.fmt_clock(calls.talk_clock(call))} · {state}")
    if rang is not None:
        st.caption(f"Timer from answer. The phone rang {rang:.0f} s before you answered.")
    mood = call.caller_mood
    widgets.emotion_meter(mood.emotion, mood.level)
    st.markdown("**Extracted information**")
    widgets.info_panel(calls.all_entities(call))


def _send(call) -> None:
    """Form callback: runs before the page is drawn, so the reply shows at once."""
    if auth.current_user() is None:  # disabled or signed out since: nothing is said
        return
    try:
        services.rate_limits().turns.check(user.id)
        call.trainee_says(st.session_state.get("say_text", ""))
    except (CallInputError, RateLimited) as exc:
        st.session_state["say_error"] = str(exc).capitalize() + "."


def say_form(call) -> None:
    with st.form("say", clear_on_submit=True, border=False):
        c1, c2 = st.columns([5, 1], vertical_alignment="bottom")
        c1.text_input(
            "What you say", key="say_text", max_chars=2000, placeholder="911, what is the address of your emergency?"
        )
        c2.form_submit_button("Send", type="primary", width="stretch", on_click=_send, args=(call,))
    if st.session_state.get("say_error"):
        st.error(st.session_state.pop("say_error"))


def cad_form(call) -> None:
    current = calls.cad_state(call)
    with st.form("cad", border=True):
        st.markdown("**CAD incident**")
        address = st.text_input("Address", value=current.get("address", ""), key="cad_address")
        e_addr = st.empty()
        c1, c2 = st.columns(2)
        callback = c1.text_input("Callback", value=current.get("callback", ""), key="cad_callback")
        e_cb = c1.empty()
        itype = c2.text_input(
            "Incident type", value=current.get("incident_type", ""), key="cad_type", placeholder="e.g. cardiac arrest"
        )
        e_type = c2.empty()
        c3, c4 = st.columns(2)
        priority = c3.selectbox(
            "Priority",
            ["", 1, 2, 3, 4, 5],
            key="cad_priority",
            format_func=lambda p: "–" if p == "" else str(p),
            index=[None, 1, 2, 3, 4, 5].index(current.get("priority"))
            if current.get("priority") in (1, 2, 3, 4, 5)
            else 0,
            help="1 = most urgent",
        )
        e_prio = c3.empty()
        units = c4.text_input("Units", value=current.get("units", ""), key="cad_units", placeholder="M12, E7")
        e_units = c4.empty()
        narrative = st.text_area("Narrative", value=current.get("narrative", ""), height=80, key="cad_narrative")
        e_narr = st.empty()
        saved = st.form_submit_button("Update CAD", width="stretch")
    if saved:
        clean, errors = widgets.check_cad(
            {
                "address": address,
                "callback": callback,
                "incident_type": itype,
                "priority": priority,
                "units": units,
                "narrative": narrative,
            }
        )
        slots = {
            "address": e_addr,
            "callback": e_cb,
            "incident_type": e_type,
            "priority": e_prio,
            "units": e_units,
            "narrative": e_narr,
        }
        for field, msg in errors.items():
            slots[field].error(msg)
        changed = {k: v for k, v in clean.items() if current.get(k) != v}
        if not errors and changed:
            try:
                call.cad_update(changed)
                st.toast("CAD updated")
            except CallInputError as exc:
                st.error(str(exc))


def controls(call) -> None:
    c1, c2, c3, c4 = st.columns(4)
    if call.muted:
        c1.button(
            "Unmute", icon=":material/mic:", key="unmute", on_click=call.control, args=("unmute",), width="stretch"
        )
    else:
        c1.button("Mute", icon=":material/mic_off:", key="mute", on_click=call.control, args=("mute",), width="stretch")
    if call.held:
        c2.button(
            "Resume",
            icon=":material/play_arrow:",
            key="resume",
            on_click=call.control,
            args=("resume",),
            width="stretch",
        )
    else:
        c2.button("Hold", icon=":material/pause:", key="hold", on_click=call.control, args=("hold",), width="stretch")
    c3.button(
        "Interpreter on" if call.interpreter_on else "Interpreter",
        icon=":material/translate:",
        key="interpreter",
        on_click=call.control,
        args=("interpreter",),
        width="stretch",
        disabled=call.interpreter_on,
        help="Put a telephone interpreter on the line for a caller who does not speak English.",
    )
    c4.button(
        "End call",
        icon=":material/call_end:",
        key="end_call",
        type="primary",
        on_click=call.control,
        args=("end",),
        width="stretch",
    )


def ended(call) -> None:
    st.title("Debrief")
    reason = {
        "caller_hung_up": "The caller hung up.",
        "trainee_ended": "You ended the call.",
        "abandoned": "Nobody was on the call for a while, so the server ended it.",
    }
    st.caption(md(f"{call.scenario.title} · {reason.get(call.end_reason, human(call.end_reason))}"))
    proto = call.scenario.protocol
    addr = next((r.deadline_s for r in proto.required_acts if r.act == "ask_address"), None)
    tab1, tab2 = st.tabs(["Debrief", "Transcript"])
    with tab1:
        result = call.result.to_dict()
        debrief.render(
            result,
            cardiac_arrest=proto.cardiac_arrest,
            dispatch_deadline_s=proto.dispatch_deadline_s,
            address_deadline_s=addr,
            audio=voice.recording(call),
            coaching=coaching(call.call_id, result, call.scenario),
            arc=emotion_arc(call.timeline),
        )
    with tab2:
        widgets.transcript(calls.transcript_rows(call), height=None)
    if st.button("Take another call", type="primary", key="another", on_click=_forget_call):
        st.rerun()


call_id = st.query_params.get("call") or st.session_state.get("call_id")
call = calls.find_call(call_id, user) if call_id else None
if call_id and call is None:
    st.error("That call does not exist, has expired, or is not yours.")
    _forget_call()
if call is None:
    chooser()
elif call.status == CallStatus.RINGING:
    ringing(call)
elif call.status == CallStatus.ACTIVE:
    active(call)
else:
    ended(call)
