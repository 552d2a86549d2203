"""The app runs the server's call clock: a call whose tab was closed is ended by the server
as abandoned, and the trainee who comes back sees why the call is over."""

from __future__ import annotations

from tests.app.app_helpers import app_as, texts


def test_a_closed_tab_leaves_a_call_the_server_ends_as_abandoned(accounts):
    from ui import services

    at = app_as(accounts["tom"])
    at.radio(key="pick_scenario").set_value("cardiac-arrest")
    at.button(key="start_call").click().run()
    at.button(key="answer").click().run()
    at.text_input(key="say_text").input("911, what is the address of your emergency?")
    at.button(key="FormSubmitter:say-Send").click().run()
    call_id = at.session_state["call_id"]
    del at  # the tab is closed: nothing drives the call any more

    clock = services.registry().clock
    assert clock is not None and clock._thread.is_alive()  # started with the app
    idle_s, clock.idle_s = clock.idle_s, 0.0  # as if CALL_ABANDON_S had passed
    try:
        assert call_id in clock.run_once().abandoned
    finally:
        clock.idle_s = idle_s
    assert call_id not in services.registry()  # freed from the server's memory

    back = app_as(accounts["tom"], "pages/call.py", call=call_id)
    assert "Debrief" in texts(back, "title")
    assert any("so the server ended it" in c for c in texts(back, "caption"))
