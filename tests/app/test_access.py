"""Sign-in, sign-out and what each role can reach."""

from __future__ import annotations

import pytest

from tests.app.app_helpers import PASSWORD, app_as, oidc_app, registered_pages, texts

PAGES = {
    "trainee": {"call.py", "review.py", "progress.py"},
    "instructor": {"call.py", "review.py", "progress.py", "assignments.py", "editor.py"},
    "supervisor": {"review.py", "progress.py", "assignments.py", "analytics.py"},
    "admin": {"call.py", "review.py", "progress.py", "assignments.py", "editor.py", "analytics.py", "admin.py"},
}


def _pages(at) -> set[str]:
    return registered_pages(at)


def test_signed_out_sees_only_sign_in(accounts):
    at = app_as(None)
    assert not at.exception
    assert ":material/emergency: 9-1-1 Call-Taker Simulator" in texts(at, "title")
    assert _pages(at) == set()


def test_wrong_password_is_rejected_next_to_the_field(accounts):
    at = app_as(None)
    at.text_input(key="signin_username").input("tina")
    at.text_input(key="signin_password").input("nope-nope-nope")
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert "user" not in at.session_state
    assert any("Wrong username or password" in e for e in texts(at, "error"))


def test_empty_username_is_rejected(accounts):
    at = app_as(None)
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert any("Enter your username" in e for e in texts(at, "error"))


def test_sign_in_and_sign_out(accounts):
    at = app_as(None)
    at.text_input(key="signin_username").input("tina")
    at.text_input(key="signin_password").input(PASSWORD)
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert at.session_state["user"]["username"] == "tina"
    assert "Take a call" in texts(at, "title")
    at.button(key="sign_out").click().run()
    assert "user" not in at.session_state
    shown = texts(at, "title") + texts(at, "error")
    assert ":material/emergency: 9-1-1 Call-Taker Simulator" in shown or "Please sign in." in shown
    assert "Take a call" not in shown


def test_first_admin_from_settings_can_sign_in(accounts):
    at = app_as(None)
    at.text_input(key="signin_username").input("root")
    at.text_input(key="signin_password").input("root-password-1")
    at.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert at.session_state["user"]["role"] == "admin"


@pytest.mark.parametrize("name", ["tina", "ivan", "sue", "ada"])
def test_navigation_shows_each_role_only_its_pages(accounts, name):
    at = app_as(accounts[name])
    assert not at.exception
    assert _pages(at) == PAGES[accounts[name]["role"]]


@pytest.mark.parametrize("page", ["pages/editor.py", "pages/analytics.py", "pages/admin.py"])
def test_trainee_cannot_reach_staff_pages(accounts, page):
    at = app_as(accounts["tina"])
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page)


@pytest.mark.parametrize(
    "page,role_user",
    [
        ("editor.py", "tina"),
        ("analytics.py", "tina"),
        ("admin.py", "tina"),
        ("admin.py", "ivan"),
        ("analytics.py", "ivan"),
        ("editor.py", "sue"),
    ],
)
def test_pages_refuse_the_wrong_role_even_when_run_directly(accounts, page, role_user):
    from streamlit.testing.v1 import AppTest

    from tests.app.app_helpers import ROOT

    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=60)
    at.session_state["user"] = accounts[role_user]
    at.run()
    assert any("not available for your role" in e for e in texts(at, "error"))
    assert not texts(at, "dataframe") if hasattr(at, "dataframe") else True


def test_sign_in_page_offers_the_organisation_button_when_configured(accounts):
    at = oidc_app({"is_logged_in": False})
    assert any("organisation" in b.label for b in at.button)
    assert "user" not in at.session_state


@pytest.mark.parametrize("role", ["trainee", "instructor", "supervisor", "admin"])
def test_every_page_address_exists_for_every_role(role):
    from ui import navigation

    plan = navigation.page_plan(role)
    assert sorted(name for name, _t, _k in plan) == sorted(navigation.PAGES)
    usable = {name for name, _t, kind in plan if kind == "page"}
    assert {f"{n}.py" for n in usable} == PAGES[role]


@pytest.mark.parametrize("name", ["editor", "analytics", "admin"])
def test_trainee_at_a_staff_address_is_told_it_is_not_for_their_role(name):
    from streamlit.testing.v1 import AppTest

    def script(name):
        from ui import navigation

        navigation._not_available(name)()

    at = AppTest.from_function(script, args=(name,), default_timeout=30).run()
    assert any("not available for your role" in w for w in texts(at, "warning"))


@pytest.mark.parametrize("page", ["pages/review.py", "pages/editor.py"])
def test_a_link_as_a_fresh_servers_first_request_opens_under_the_apps_menu(accounts, page):
    """Until its first st.navigation call a server runs pages/ files on their own (each
    AppTest run starts such a process state): the page must still come with the app's
    sidebar (its menu and Sign out), not bare."""
    from streamlit.testing.v1 import AppTest

    from tests.app.app_helpers import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["user"] = accounts["ivan"]
    at.switch_page(page)
    at.run()
    assert not at.exception
    assert [b.label for b in at.sidebar.button] == ["Sign out"]
    assert texts(at, "title")[0] in ("Calls & review", "Scenario editor")
