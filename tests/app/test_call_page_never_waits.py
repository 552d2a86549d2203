"""A live call's page never waits for the call: while another thread holds it (a
live-voice turn being heard and answered, the server's call clock), the page still
draws its timer, and once that turn is done the page shows it by itself."""

from __future__ import annotations

import threading

from tests.app.app_helpers import app_as, texts


def _on_a_call(accounts):
    at = app_as(accounts["tina"])
    at.radio(key="pick_scenario").set_value("cardiac-arrest")
    at.button(key="start_call").click().run()
    at.button(key="answer").click().run()
    from ui import services

    call_id = at.session_state["call_id"]
    return at, services.desk().find(call_id, accounts["tina"]["id"])


class _VoiceTurn(threading.Thread):
    """Holds the call as the live-voice worker does while a turn is processed."""

    def __init__(self, call, line: str) -> None:
        super().__init__(daemon=True)
        self.call, self.line = call, line
        self.holding, self.finish = threading.Event(), threading.Event()

    def run(self) -> None:
        with self.call.lock:
            self.holding.set()
            self.finish.wait()
            self.call.trainee_says(self.line)


def test_the_page_draws_while_a_voice_turn_holds_the_call_and_catches_up_after(accounts):
    at, call = _on_a_call(accounts)
    turn = _VoiceTurn(call, "Is he breathing normally?")
    turn.start()
    assert turn.holding.wait(30)
    try:
        at.run()  # before the fix: waited on the call's lock
        assert not at.exception
        assert any("connected" in m for m in texts(at))  # the timer is drawn
        assert not any("Is he breathing normally?" in m for m in texts(at))
    finally:
        turn.finish.set()
        turn.join(30)
    at.run()  # the next second's run, nothing else
    assert any("Is he breathing normally?" in m for m in texts(at))


def test_a_tick_is_skipped_not_waited_for_while_the_call_is_busy(accounts):
    from ui import calls

    _at, call = _on_a_call(accounts)
    turn = _VoiceTurn(call, "What is the address?")
    turn.start()
    assert turn.holding.wait(30)
    try:
        assert calls.tick_unless_busy(call) is False
    finally:
        turn.finish.set()
        turn.join(30)
    assert calls.tick_unless_busy(call) is True
