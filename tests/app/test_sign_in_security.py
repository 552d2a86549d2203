"""Who gets in and who stays in: SSO by verified e-mail only, access re-checked on every
run (disabled, demoted, signed out elsewhere), the sign-in limiter per username and per
client address, and a database outage at start-up that heals without a restart."""

from __future__ import annotations

import pytest

from tests.app.app_helpers import PASSWORD, app_as, oidc_app, registered_pages, texts


def _engine():
    from db.engine import get_engine
    from sim_core.settings import get_settings

    return get_engine(get_settings())


def _account(name: str, role: str, email: str | None = None) -> dict:
    """A fresh account of its own for a test that changes it (the shared ones stay put)."""
    from db.engine import session_scope
    from db.users import create_user, get_user_by_username, set_active, set_role

    with session_scope(_engine()) as s:
        u = get_user_by_username(s, username=email or name)
        if u is None:
            u = create_user(s, username=email or name, display_name=name.capitalize(), role=role, password=PASSWORD)
        set_role(s, user_id=u.id, role=role)
        set_active(s, user_id=u.id, active=True)
        return {"id": str(u.id), "username": u.username, "role": role}


def _change(user: dict, *, role: str | None = None, active: bool | None = None) -> None:
    from db.engine import session_scope
    from db.users import set_active, set_role

    with session_scope(_engine()) as s:
        if role is not None:
            set_role(s, user_id=user["id"], role=role)
        if active is not None:
            set_active(s, user_id=user["id"], active=active)


def _signed_in(username: str, password: str = PASSWORD):
    at = app_as(None)
    at.text_input(key="signin_username").input(username)
    at.text_input(key="signin_password").input(password)
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    return at


@pytest.fixture
def fresh_limits():
    from ui import services

    services.rate_limits.clear()
    yield
    services.rate_limits.clear()


# --- SSO ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "identity",
    [
        {"is_logged_in": True, "name": "root"},  # the local admin's name
        {"is_logged_in": True, "preferred_username": "root", "email": "mallory@example.org", "email_verified": True},
        {"is_logged_in": True, "email": "root", "email_verified": True},  # not an e-mail at all
    ],
)
def test_an_sso_name_or_username_never_signs_in_as_a_local_account(accounts, identity):
    at = oidc_app(identity)
    assert "user" not in at.session_state
    assert registered_pages(at) == set()


def test_an_sso_email_the_provider_did_not_verify_signs_in_as_nobody(accounts):
    _account("vera", "supervisor", email="vera@example.org")
    for flag in (False, None, "false"):
        identity = {"is_logged_in": True, "email": "vera@example.org"}
        if flag is not None:
            identity["email_verified"] = flag
        at = oidc_app(identity)
        assert "user" not in at.session_state
        assert any("did not confirm your e-mail" in e for e in texts(at, "error"))


def test_an_sso_verified_email_signs_in_to_that_account_with_a_server_side_sign_in(accounts):
    vera = _account("vera", "supervisor", email="vera@example.org")
    at = oidc_app({"is_logged_in": True, "email": "Vera@Example.org", "email_verified": True})
    assert at.session_state["user"]["id"] == vera["id"]
    assert at.session_state["sign_in_token"]  # so the server can end it
    assert registered_pages(at) == {"review.py", "progress.py", "assignments.py", "analytics.py"}


def test_an_sso_user_without_an_account_is_told_to_ask_an_admin(accounts):
    at = oidc_app({"is_logged_in": True, "email": "stranger@example.org", "email_verified": True})
    assert "user" not in at.session_state
    assert any("has no account here" in e and "stranger" in e for e in texts(at, "error"))
    assert registered_pages(at) == set()


def test_verified_email_reads_the_providers_flag():
    from ui.sign_in import verified_email

    assert verified_email({"email": " A@B.org ", "email_verified": True}) == "a@b.org"
    assert verified_email({"email": "a@b.org", "email_verified": "true"}) == "a@b.org"
    assert verified_email({"email": "a@b.org", "email_verified": "1"}) == ""
    assert verified_email({"email": "a@b.org"}) == ""
    assert verified_email({"name": "admin", "email_verified": True}) == ""


# --- access re-checked on every run ----------------------------------------------------


def test_a_disabled_trainee_is_signed_out_on_the_next_click(accounts):
    dora = _account("dora", "trainee")
    at = _signed_in("dora")
    assert "Take a call" in texts(at, "title")
    _change(dora, active=False)
    try:
        at.run()
        assert "user" not in at.session_state
        assert "Take a call" not in texts(at, "title")
        assert any("Your sign-in has ended" in t for t in texts(at, "info"))
        assert "Sign in" in [b.label for b in at.button]
    finally:
        _change(dora, active=True)


def test_a_disabled_trainee_cannot_say_another_line_or_start_a_call(accounts):
    dora = _account("dora", "trainee")
    at = _signed_in("dora")
    at.radio(key="pick_scenario").set_value("cardiac-arrest")
    at.button(key="start_call").click().run()
    at.button(key="answer").click().run()
    at.text_input(key="say_text").input("911, what is the address of your emergency?")
    at.button(key="FormSubmitter:say-Send").click().run()
    call_id = at.session_state["call_id"]
    from ui import services

    call = services.registry().get(call_id)
    said = len(call.timeline.said())
    _change(dora, active=False)
    try:
        at.text_input(key="say_text").input("I am still talking")
        at.button(key="FormSubmitter:say-Send").click().run()
        assert len(call.timeline.said()) == said  # the line was never said
        assert "user" not in at.session_state
        assert "start_call" not in [b.key for b in at.button]
    finally:
        _change(dora, active=True)


def test_a_demoted_instructor_loses_the_editor_on_the_next_click(accounts):
    ines = _account("ines", "instructor")
    at = _signed_in("ines")
    at.switch_page("pages/editor.py").run()
    assert "Scenario editor" in texts(at, "title")
    _change(ines, role="trainee")
    try:
        at.run()
        assert at.session_state["user"]["role"] == "trainee"
        assert any("not available for your role" in t for t in texts(at, "error") + texts(at, "warning"))
        assert "Scenario editor" not in texts(at, "title")
        assert registered_pages(app_as(at.session_state["user"])) == {"call.py", "review.py", "progress.py"}
    finally:
        _change(ines, role="instructor")


def test_a_sign_out_elsewhere_ends_this_session_too(accounts):
    _account("dora", "trainee")
    at = _signed_in("dora")
    from db.engine import session_scope
    from db.sign_ins import close_sign_in

    with session_scope(_engine()) as s:
        assert close_sign_in(s, token=at.session_state["sign_in_token"])
    at.run()
    assert "user" not in at.session_state


# --- the sign-in limiter ---------------------------------------------------------------


def test_one_address_is_paused_before_it_can_lock_the_user_out(accounts, fresh_limits, monkeypatch):
    from ui import sign_in

    _account("dora", "trainee")
    monkeypatch.setattr(sign_in, "client_address", lambda: "203.0.113.7")
    for _ in range(5):  # RATE_LIMIT_SIGN_IN_FAILURES_PER_ADDRESS
        at = _signed_in("dora", "guess-guess-guess")
        assert any("Wrong username or password" in e for e in texts(at, "error"))
    at = _signed_in("dora")  # even the right password, from there, for now
    assert "user" not in at.session_state
    assert any("Sign-in paused: too many failed sign-ins from this address" in e for e in texts(at, "error"))
    monkeypatch.setattr(sign_in, "client_address", lambda: "198.51.100.20")
    at = _signed_in("dora")  # the user, from anywhere else: still fine
    assert at.session_state["user"]["username"] == "dora"


def test_guesses_from_many_addresses_pause_that_username_everywhere(accounts, fresh_limits, monkeypatch):
    from ui import sign_in

    _account("dora", "trainee")
    for i in range(10):  # RATE_LIMIT_SIGN_IN_FAILURES (per username)
        monkeypatch.setattr(sign_in, "client_address", lambda i=i: f"203.0.113.{i}")
        at = _signed_in("dora", "guess-guess-guess")
        assert any("Wrong username or password" in e for e in texts(at, "error"))
    monkeypatch.setattr(sign_in, "client_address", lambda: "198.51.100.20")
    at = _signed_in("dora")
    assert any("too many failed sign-ins for this username" in e for e in texts(at, "error"))
    at = _signed_in("tina")  # another user is not affected
    assert at.session_state["user"]["username"] == "tina"


def test_a_busy_hashing_gate_says_try_again_not_a_traceback(accounts, fresh_limits):
    from db.passwords import GATE

    with GATE.slot():  # every slot taken by other sign-ins
        old = GATE.wait_s
        GATE.wait_s = 0.01
        try:
            at = _signed_in("tina")
        finally:
            GATE.wait_s = old
    assert not at.exception
    assert "user" not in at.session_state
    assert any("Sign-in is busy" in e and "try again" in e for e in texts(at, "error"))
    at = _signed_in("tina")  # and the refusal did not count as a failure
    assert at.session_state["user"]["username"] == "tina"


# --- the sign-in token: short-lived, renewed while active, ended as a whole --------------


def _sign_in_row(token: str):
    from db.engine import session_scope
    from db.sign_ins import sign_in_for_token

    with session_scope(_engine()) as s:
        found = sign_in_for_token(s, token=token)
        return None if found is None else found[1]


def test_the_browser_token_lives_half_an_hour_and_is_renewed_while_active(accounts):
    from datetime import timedelta

    from db.models import utcnow

    _account("dora", "trainee")
    at = _signed_in("dora")
    first = at.session_state["sign_in_token"]
    row = _sign_in_row(first)
    assert row.expires_at.replace(tzinfo=None) <= (utcnow() + timedelta(minutes=31)).replace(tzinfo=None)
    at.session_state["sign_in_token_at"] = -1e12  # a third of its life has passed
    at.run()
    second = at.session_state["sign_in_token"]
    assert second != first and at.session_state["user"]["username"] == "dora"
    assert _sign_in_row(second).created_at == row.created_at  # the same sign-in goes on
    from db.engine import session_scope
    from db.sign_ins import close_sign_in

    with session_scope(_engine()) as s:  # signing out, from any tab
        close_sign_in(s, token=second)
    assert _sign_in_row(first) is None and _sign_in_row(second) is None  # every token ends


def test_a_sign_in_ends_when_its_shift_is_over(accounts):
    from datetime import timedelta

    import sqlalchemy as sa

    from db.engine import session_scope
    from db.models import SignIn

    _account("dora", "trainee")
    at = _signed_in("dora")
    row = _sign_in_row(at.session_state["sign_in_token"])
    with session_scope(_engine()) as s:  # signed in 13 hours ago
        s.execute(sa.update(SignIn).where(SignIn.id == row.id).values(created_at=row.created_at - timedelta(hours=13)))
    at.run()
    assert "user" not in at.session_state
    assert any("Your sign-in has ended" in t for t in texts(at, "info"))
    assert "Sign in" in [b.label for b in at.button]


def test_the_limiter_counts_the_client_behind_a_trusted_proxy_not_a_forged_header():
    from ui.sign_in import address_from

    assert address_from([], "203.0.113.7", 0) == "203.0.113.7"
    assert address_from(["1.2.3.4"], "203.0.113.7", 0) == "203.0.113.7"  # no proxy: ignored
    assert address_from([], None, 0) == "local"
    # one proxy appends the peer it saw; whatever the client wrote before it is ignored
    assert address_from(["6.6.6.6, 198.51.100.9"], "10.0.0.2", 1) == "198.51.100.9"
    assert address_from(["6.6.6.6", "198.51.100.9, 10.0.0.5"], "10.0.0.2", 2) == "198.51.100.9"
    assert address_from([], "10.0.0.2", 1) == "10.0.0.2"  # header missing


def test_a_crowd_of_signed_out_visitors_waits_its_turn_and_never_slows_signed_in_users(accounts, monkeypatch):
    """Only a few signed-out page runs go at once; the rest wait, and one that waits too
    long is asked to reload. Signed-in pages never wait on that crowd."""
    from ui import sign_in

    monkeypatch.setattr(sign_in, "SIGNED_OUT_WAIT_S", 0.01)
    held = 0
    while sign_in._signed_out_runs.acquire(blocking=False):  # every place is taken
        held += 1
    try:
        assert held == sign_in.SIGNED_OUT_RUNS
        at = app_as(None)
        assert not at.exception
        assert any("reload this page in a moment" in w for w in texts(at, "warning"))
        assert not [t for t in at.text_input]  # no form drawn meanwhile
        at = app_as(accounts["tina"])  # a trainee is not held up
        assert "Take a call" in texts(at, "title")
    finally:
        for _ in range(held):
            sign_in._signed_out_runs.release()
    at = app_as(None)
    assert any(t.key == "signin_username" for t in at.text_input)
