"""Analytics (supervisor) and admin pages."""

from __future__ import annotations

from tests.app.app_helpers import app_as, texts


def test_analytics_shows_charts_table_and_csv(accounts, recorded_calls):
    at = app_as(accounts["sue"], "pages/analytics.py")
    assert not at.exception
    assert "Analytics" in texts(at, "title")
    table = at.dataframe[-1].value
    assert {recorded_calls["tina"], recorded_calls["tom"]} <= set(table["call_id"])
    assert len(at.get("vega_lite_chart")) >= 3
    assert at.get("download_button")
    tokens = {m.label: m.value for m in at.metric}["LLM tokens"]
    assert tokens == "0" and "llm_tokens" in table.columns  # scripted caller: no LLM usage


def test_analytics_filters_by_trainee(accounts, recorded_calls):
    at = app_as(accounts["sue"], "pages/analytics.py")
    at.multiselect(key="an_people").select(accounts["tom"]["id"]).run()
    table = at.dataframe[-1].value
    assert set(table["call_id"]) == {recorded_calls["tom"]}


def test_admin_sees_users_status_and_config_without_secrets(accounts):
    at = app_as(accounts["ada"], "pages/admin.py")
    assert not at.exception
    users = at.dataframe[0].value
    assert {"tina", "ivan", "sue", "ada"} <= set(users["username"])
    assert "password_hash" not in users.columns
    config = at.dataframe[-1].value
    values = dict(zip(config["setting"], config["value"]))
    assert values["admin_password"] == "set"
    assert "root-password-1" not in " ".join(config["value"])


def test_admin_add_user_rejects_short_password(accounts):
    at = app_as(accounts["ada"], "pages/admin.py")
    at.text_input(key="ad_username").input("newbie")
    at.text_input(key="ad_password").input("short")
    at.button(key="FormSubmitter:add_user-Add user").click().run()
    assert any("At least 8 characters" in e for e in texts(at, "error"))


def test_admin_adds_a_user(accounts):
    at = app_as(accounts["ada"], "pages/admin.py")
    at.text_input(key="ad_username").input("newbie")
    at.text_input(key="ad_password").input("long-enough-1")
    at.button(key="FormSubmitter:add_user-Add user").click().run()
    assert not at.exception
    assert "newbie" in set(at.dataframe[0].value["username"])


def test_distribution_puts_the_calls_and_the_standard_on_one_axis():
    # with a few fast calls the bars used to vanish beside the standard's line
    import pandas as pd

    from ui.charts import distribution

    fast = distribution(pd.DataFrame({"time_to_address": [0.4, 12.0]}), "time_to_address")
    bars, line = fast.to_dict()["layer"][:2]
    assert bars["encoding"]["x"]["scale"]["domain"] == [0, 33]  # past the 30 s line
    assert bars["encoding"]["x"]["bin"]["extent"] == [0, 33]
    assert line["encoding"]["x"]["scale"]["domain"] == [0, 33]
    slow = distribution(pd.DataFrame({"time_to_address": [95.0]}), "time_to_address")
    assert slow.to_dict()["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 105]  # past the slowest call
    # a call where the address was never obtained is shown as "never", not left out
    never = distribution(pd.DataFrame({"time_to_address": [None]}), "time_to_address")
    assert never is not None and "never=1" in never.to_dict()["title"]


def test_admin_empty_username_is_asked_for_not_called_invalid(accounts):
    at = app_as(accounts["ada"], "pages/admin.py")
    at.text_input(key="ad_password").input("long-enough-1")
    at.button(key="FormSubmitter:add_user-Add user").click().run()
    errors = texts(at, "error")
    assert "Enter a username." in errors and not any("Letters, digits" in e for e in errors)


def test_admin_success_stays_on_screen_and_the_form_is_emptied(accounts):
    at = app_as(accounts["ada"], "pages/admin.py")
    at.text_input(key="ad_username").input("carla")
    at.text_input(key="ad_display").input("Carla Diaz")
    at.text_input(key="ad_password").input("long-enough-1")
    at.button(key="FormSubmitter:add_user-Add user").click().run()
    assert "Added carla (trainee)." in texts(at, "success")
    assert at.text_input(key="ad_username_1").value == ""  # fresh fields
    assert at.text_input(key="ad_password_1").value == ""
    from db.engine import get_engine, session_scope
    from db.users import get_user_by_username
    from sim_core.settings import get_settings

    with session_scope(get_engine(get_settings())) as s:
        carla = str(get_user_by_username(s, username="carla").id)
    at.selectbox(key="ed_user").set_value(carla)
    at.selectbox(key="ed_role").set_value("instructor")
    at.text_input(key="ed_password").input("another-long-1")
    at.button(key="FormSubmitter:edit_user-Save changes").click().run()
    assert "Saved the changes to carla." in texts(at, "success")
    assert at.text_input(key="ed_password_1").value == ""
    assert at.selectbox(key="ed_role_1").value == "(keep)"
