"""The scenario editor: list, search, edit with validation next to the field,
drafts that trainees never see until published, publishing that checks the whole
scenario, versions with a diff, duplicate, variant, activation, YAML import
checks, try it."""

from __future__ import annotations

import pytest

from tests.app.app_helpers import app_as, texts

FORM = "FormSubmitter:ed{gen}_{slug}_form-Save draft"
PUBLISH = "FormSubmitter:ed{gen}_{slug}_form-Save and publish"


def _edit(accounts, slug, tab: str | None = None):
    at = app_as(accounts["ivan"], "pages/editor.py", scenario=slug)
    if tab:
        at.session_state[f"ed_tabs_{slug}"] = tab
        at.run()
    return at


def _gen(at) -> int:
    return at.session_state["ed_gen"] if "ed_gen" in at.session_state else 0


def test_list_and_search(accounts):
    at = app_as(accounts["ivan"], "pages/editor.py")
    assert "Scenario editor" in texts(at, "title")
    assert len(at.dataframe[0].value) >= 15
    at.text_input(key="ed_search").input("cardiac").run()
    assert set(at.dataframe[0].value["id"]) == {"cardiac-arrest", "cardiac-arrest-bed"}


def test_bad_value_is_shown_next_to_the_field_and_nothing_is_saved(accounts):
    at = _edit(accounts, "stroke")
    title = texts(at, "title")[0]
    at.number_input(key="ed0_stroke_c_age").set_value(1)
    at.button(key=FORM.format(gen=0, slug="stroke")).click().run()
    errors = texts(at, "error")
    assert any("greater than or equal to 3" in e for e in errors)
    assert texts(at, "title")[0] == title  # still the same version
    from ui import editor_data

    assert len(editor_data.history("stroke")) == 1


def _trainee_titles(accounts) -> list[str]:
    from ui import calls

    calls.scenario_catalog.clear()
    at = app_as(accounts["tina"])
    return [o for o in at.radio(key="pick_scenario").options]


def test_save_makes_a_draft_trainees_do_not_get_until_published(accounts):
    at = _edit(accounts, "heart-attack")
    assert texts(at, "title")[0].endswith("v1 (published)")
    at.text_input(key="ed0_heart-attack_title").input("Chest pain after shovelling snow")
    at.button(key=FORM.format(gen=0, slug="heart-attack")).click().run()
    assert not at.exception
    assert texts(at, "title")[0].endswith("v2 (draft)")
    assert any("Saved draft version 2" in s for s in texts(at, "success"))
    assert any("Trainees still get v1" in c for c in texts(at, "caption"))
    at.session_state["ed_tabs_heart-attack"] = "History & diff"
    at.run()
    diff = [c.value for c in at.code if "@@" in c.value]
    assert diff and "+title: Chest pain after shovelling snow" in diff[0]
    assert "Chest pain after shovelling snow" not in " ".join(_trainee_titles(accounts))
    at.button(key="ed_publish").click().run()
    assert any("Published version 2" in s for s in texts(at, "success"))
    assert texts(at, "title")[0].endswith("v2 (published)")
    assert "Father with crushing chest pain" not in " ".join(_trainee_titles(accounts))


def test_saves_in_a_row_each_show_their_version_and_no_stale_message(accounts):
    slug, title = "mental-health-crisis", "Son in crisis at the kitchen table"
    at = _edit(accounts, slug)
    at.number_input(key=f"ed0_{slug}_c_age").set_value(1)
    at.button(key=FORM.format(gen=0, slug=slug)).click().run()
    assert any("greater than or equal to 3" in e for e in texts(at, "error"))
    at.number_input(key=f"ed0_{slug}_c_age").set_value(40)
    at.button(key=FORM.format(gen=0, slug=slug)).click().run()
    assert not at.exception and not texts(at, "error")  # the refusal is gone
    assert texts(at, "title")[0].endswith("v2 (draft)")
    at.text_input(key=f"ed{_gen(at)}_{slug}_title").input(title)
    at.button(key=FORM.format(gen=_gen(at), slug=slug)).click().run()
    assert texts(at, "title")[0] == f"{title} · v3 (draft)"
    assert any("Saved draft version 3" in s for s in texts(at, "success"))
    assert [t.value for t in at.toast] == ["Saved draft version 3."]  # beside the buttons too
    assert at.text_input(key=f"ed{_gen(at)}_{slug}_title").value == title
    assert [b.label for b in at.button if b.key == "ed_publish"] == ["Publish v3"]
    at.button(key=FORM.format(gen=_gen(at), slug=slug)).click().run()  # nothing changed
    assert any("No changes; still version 3" in s for s in texts(at, "success"))
    from ui import editor_data

    assert [h["version"] for h in editor_data.history(slug)] == [3, 2, 1]


def test_publishing_refuses_blank_fields_and_a_bad_callback_beside_the_fields(accounts):
    at = _edit(accounts, "burglary")
    at.text_input(key="ed0_burglary_title").input("")
    at.text_input(key="ed0_burglary_callback").input("call me maybe")
    at.button(key=PUBLISH.format(gen=0, slug="burglary")).click().run()
    assert not at.exception
    errors = texts(at, "error")
    assert any("Not published" in e for e in errors)
    assert any("give the scenario a title" in e for e in errors)
    assert any("phone number" in e for e in errors)
    assert texts(at, "title")[0].endswith("(draft)")  # kept as a draft
    from ui import editor_data

    latest = editor_data.all_latest()["burglary"]
    assert latest["status"] == "draft" and latest["published"] == 1
    from ui import calls

    calls.scenario_catalog.clear()
    played = {r["scenario"]["id"]: r for r in calls.scenario_catalog()}["burglary"]
    assert played["version"] == 1 and played["scenario"]["callback"] != "call me maybe"


def test_yaml_tab_rejects_malformed_yaml(accounts):
    at = _edit(accounts, "overdose", "YAML")
    key = f"ed{_gen(at)}_overdose"
    at.text_area(key=f"{key}_yaml").input("id: overdose\ntitle: [unclosed")
    at.button(key=f"FormSubmitter:{key}_yamlform-Validate and save as a draft").click().run()
    assert any("malformed YAML" in e for e in texts(at, "error"))


def test_duplicate_and_variant_open_a_new_scenario(accounts):
    at = app_as(accounts["ivan"], "pages/editor.py")
    at.text_input(key="ed_search").input("stroke").run()
    at.button(key="ed_dup").click().run()
    gen = _gen(at)
    assert at.text_input(key=f"ed{gen}___new___id").value == "stroke-copy"
    at = app_as(accounts["ivan"], "pages/editor.py")
    at.text_input(key="ed_search").input("stroke").run()
    at.button(key="ed_variant").click().run()
    gen = _gen(at)
    assert "-var" in at.text_input(key=f"ed{gen}___new___id").value
    from sim_core.scenario import variants
    from ui import editor_data

    doc = editor_data.all_latest()["stroke"]["content"]
    dup = editor_data.duplicate(doc, set(editor_data.all_latest()))
    assert dup["id"] == "stroke-copy" and dup["title"].endswith("(copy)")
    var = variants.make_variant(doc, 3)
    sc, problems = editor_data.validate(var)
    assert sc is not None and not problems
    assert var["location"]["address"] != doc["location"]["address"]
    assert var["caller"]["name"] != doc["caller"]["name"]


def test_new_scenario_template_saves_as_a_draft_but_cannot_be_published(accounts):
    at = app_as(accounts["ivan"], "pages/editor.py")
    at.button(key="ed_new").click().run()
    gen = _gen(at)
    at.button(key=PUBLISH.format(gen=gen, slug="__new__")).click().run()
    assert any("lowercase letters" in e for e in texts(at, "error"))  # beside the id
    at.text_input(key=f"ed{gen}___new___id").input("practice-fall")
    at.text_input(key=f"ed{gen}___new___title").input("Practice fall")
    at.button(key=PUBLISH.format(gen=gen, slug="__new__")).click().run()
    assert not at.exception
    errors = " ".join(texts(at, "error"))
    assert "Saved draft version 1" in errors and "Not published" in errors
    for why in ("the incident needs an address", "callback number", "chief complaint"):
        assert why in errors
    labels = [t.label for t in at.tabs]
    assert "Location ⚠ 1" in labels and "Caller ⚠ 2" in labels  # where to look
    from ui import editor_data

    assert editor_data.all_latest()["practice-fall"]["published"] is None
    assert "Practice fall" not in _trainee_titles(accounts)


def test_deactivate_hides_a_scenario_from_trainees(accounts):
    from ui import calls, editor_data

    editor_data.set_active("prank-call", False)
    calls.scenario_catalog.clear()
    at = app_as(accounts["tina"])
    assert "prank-call" not in at.radio(key="pick_scenario").options
    listed = app_as(accounts["ivan"], "pages/editor.py").dataframe[0].value.set_index("id")["version"]
    assert listed["prank-call"].endswith("· inactive") and not listed["stroke"].endswith("inactive")
    editor_data.set_active("prank-call", True)
    calls.scenario_catalog.clear()


def test_protocol_acts_are_picked_by_human_names(accounts):
    at = _edit(accounts, "stroke")
    order = at.multiselect(key="ed0_stroke_p_order")
    assert "Ask: address" in order.options and "ask_address" not in order.options


@pytest.mark.parametrize(
    "name,data,reason",
    [
        ("notes.txt", b"id: x", "only .yaml"),
        ("pic.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        ("bad.yaml", b"id: [", "malformed YAML"),
        ("partial.yaml", b"id: partial\ntitle: t\n", "description"),
    ],
)
def test_import_rejects_bad_files(name, data, reason, accounts):
    from sim_core.scenario import ScenarioError
    from ui import editor_data

    with pytest.raises(ScenarioError) as exc:
        editor_data.parse_upload(name, data)
    assert any(reason in p for p in exc.value.problems)


def test_try_it_text_call_stays_on_its_tab(accounts):
    at = _edit(accounts, "cardiac-arrest", "Try it")
    at.button(key="ed_try_start").click().run()
    assert at.session_state["ed_tabs_cardiac-arrest"] == "Try it"
    assert not [b for b in at.button if b.key and b.key.endswith("Save draft")]
    at.text_input(key="ed_try_text").input("What is the address of the emergency?")
    at.button(key="FormSubmitter:ed_try_form-Send").click().run()
    assert any("Oak Street" in m for m in texts(at))
    at.button(key="FormSubmitter:ed_try_form-End try-out").click().run()
    assert any(i.startswith("Score") for i in texts(at, "info"))


def test_drafting_without_an_llm_is_explained_not_offered(accounts):
    at = app_as(accounts["ivan"], "pages/editor.py")
    assert not [b for b in at.button if b.key == "ed_draft"]
    assert any("needs a language model" in c and "LLM_API_KEY" in c for c in texts(at, "caption"))


def test_with_every_scenario_deactivated_trainees_get_none_not_the_seed_files(accounts):
    from ui import calls, editor_data

    slugs = list(editor_data.all_latest())
    try:
        for slug in slugs:
            editor_data.set_active(slug, False)
        calls.scenario_catalog.clear()
        at = app_as(accounts["tina"])
        assert any("No active scenarios" in e for e in texts(at, "error"))
    finally:
        for slug in slugs:
            editor_data.set_active(slug, True)
        calls.scenario_catalog.clear()


def test_saving_the_form_keeps_the_bilingual_lines(accounts):
    at = _edit(accounts, "language-barrier")
    at.text_input(key="ed0_language-barrier_title").input("Spanish-speaking mother, toddler seizing")
    at.button(key=FORM.format(gen=0, slug="language-barrier")).click().run()
    assert any("Saved draft version 2" in s for s in texts(at, "success"))
    from sim_core.scenario import parse_scenario_yaml
    from ui import editor_data

    newest = max(editor_data.history("language-barrier"), key=lambda v: v["version"])
    saved = parse_scenario_yaml(editor_data.version_text(str(newest["id"])), "saved")
    assert saved.title == "Spanish-speaking mother, toddler seizing"
    assert saved.script.interpreted["address"].es.startswith("Avenida Cypress")
