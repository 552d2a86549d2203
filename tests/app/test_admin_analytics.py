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


def _spec(chart) -> dict:
    """A chart's Vega-Lite spec with its datasets (Streamlit sends those beside the spec)."""
    import json

    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    spec = json.loads(chart.proto.spec)
    spec["datasets"] = {
        d.name: convert_arrow_bytes_to_pandas_df(d.data.data).to_dict("records") for d in chart.proto.datasets
    }
    return spec


def test_analytics_speaks_in_names_and_words_not_stored_codes(accounts, recorded_calls):
    import json

    at = app_as(accounts["sue"], "pages/analytics.py")
    assert not at.exception
    grid = at.dataframe[-1]
    table = grid.value
    # people by their display names, scenarios by their titles, call types in words
    assert {"Tina", "Tom"} <= set(table["trainee"]) and not {"tina", "tom"} & set(table["trainee"])
    assert not any("-" in s and " " not in s for s in table["scenario"])  # no slug such as "cardiac-arrest"
    assert not any("_" in t for t in table["call_type"])
    # every header a supervisor sees is words with its unit, the call id hidden
    config = {k.removeprefix("name:").removeprefix("col:"): v for k, v in json.loads(grid.proto.columns).items()}
    headers = {c: config[c].get("label") for c in table.columns if not config.get(c, {}).get("hidden")}
    assert "call_id" not in headers and all(h and "_" not in h for h in headers.values()), headers
    assert headers["time_to_address"] == "Address (s)" and headers["score"] == "Score"
    # a time that never came (or does not apply) is a dash on screen, never "None"
    assert table["time_to_arrest_recognition"].notna().all()
    charts_ = [_spec(c) for c in at.get("vega_lite_chart")]
    trend = next(s for s in charts_ if s.get("title") == "Score trend per trainee")
    assert trend["encoding"]["color"]["legend"]["symbolLimit"] == 0  # every trainee in the legend
    assert {"Tina", "Tom"} <= {r["trainee"] for r in trend["datasets"]["trend"]}
    levels = next(s for s in charts_ if s.get("title") == "Compliance level per category")
    assert "Non-compliant" in levels["encoding"]["color"]["scale"]["domain"]
    assert "non_compliant" not in json.dumps(levels)
    box = next(s for s in charts_ if s.get("title") == "Score by scenario difficulty")
    assert box["encoding"]["x"]["axis"]["labelAngle"] == 0
    assert {r["difficulty"] for r in box["datasets"]["scores"]} <= {"Easy", "Medium", "Hard"}
    assert "Arrest within 120 s" in {m.label for m in at.metric}


def test_distribution_line_labels_end_at_their_lines_away_from_the_never_bar():
    import pandas as pd

    from ui.charts import distribution

    spec = distribution(
        pd.DataFrame({"time_to_arrest_recognition": [50.0, None], "cardiac_arrest": [True, True]}),
        "time_to_arrest_recognition",
    ).to_dict()
    labels = [
        layer for layer in spec["layer"] if layer["data"]["name"] == "standard" and layer["mark"]["type"] == "text"
    ]
    assert [la["mark"]["align"] for la in labels] == ["right", "right"]  # never reaching into the never bar
    assert labels[0]["encoding"]["y"] != labels[1]["encoding"]["y"]  # goal and standard on rows of their own
    never = spec["datasets"]["never"][0]
    assert never["x"] > 120 and never["label"] == "never (1)"
