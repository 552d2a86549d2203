"""Scenario editor: list, search, duplicate, activate/deactivate, create and edit
every part of a scenario, versions with history and diffs, YAML import/export,
a "try it" text call and practice variants."""
from __future__ import annotations

import random

import pandas as pd
import streamlit as st

from sim_core.scenario import ScenarioError, parse_scenario_yaml, scenario_to_yaml, variants
from sim_core.session import CallInputError
from ui import auth, calls, editor_data, editor_form, services, widgets
from ui.safe_text import md

user = auth.require_role("instructor")
if services.db_error():
    st.error(f"Scenarios cannot be edited: {services.db_error()}")
    st.stop()
NEW = "__new__"


def _open(slug: str, doc: dict | None = None) -> None:
    if doc is not None:
        st.session_state["ed_new_doc"] = doc
    st.session_state["ed_gen"] = st.session_state.get("ed_gen", 0) + 1
    st.session_state.pop("ed_problems", None)
    st.query_params["scenario"] = slug
    st.rerun()


def _changed() -> None:
    calls.scenario_catalog.clear()
    from ui import records
    records.scenario_meta.clear()


def list_view() -> None:
    st.title("Scenario editor")
    latest = editor_data.all_latest()
    c1, c2 = st.columns([3, 1])
    q = c1.text_input("Search", key="ed_search", placeholder="title, id or call type")
    if c2.button("New scenario", icon=":material/add:", key="ed_new", width="stretch"):
        _open(NEW, dict(editor_data.TEMPLATE))
    rows = [{"title": v["title"], "id": slug, "call type": v["call_type"],
             "difficulty": (v["content"] or {}).get("difficulty"), "version": v["version"],
             "active": v["active"]} for slug, v in sorted(latest.items())]
    if q.strip():
        rows = [r for r in rows if q.lower() in f"{r['title']} {r['id']} {r['call type']}".lower()]
    df = pd.DataFrame(rows)
    picked = st.dataframe(df, hide_index=True, on_select="rerun", selection_mode="single-row",
                          key="ed_table") if rows else None
    if not rows:
        st.info("No scenario matches.")
    sel = picked.selection.rows if picked else []
    ids = [r["id"] for r in rows]
    if ids:
        slug = st.selectbox("Scenario", ids, index=sel[0] if sel else 0,
                            key=f"ed_pick_{sel[0] if sel else -1}_{len(ids)}",
                            format_func=lambda x: f"{latest[x]['title']} ({x})")
        row = latest[slug]
        st.caption(f"v{row['version']} · {'active' if row['active'] else 'inactive'} · "
                   f"{md(row['call_type'])}")
        b1, b2, b3, b4 = st.columns(4)
        if b1.button("Edit", icon=":material/edit:", key="ed_edit", type="primary", width="stretch"):
            _open(slug)
        if b2.button("Duplicate", icon=":material/content_copy:", key="ed_dup", width="stretch"):
            _open(NEW, editor_data.duplicate(row["content"], set(latest)))
        label = "Deactivate" if row["active"] else "Activate"
        if b3.button(label, key="ed_toggle", width="stretch"):
            editor_data.set_active(slug, not row["active"])
            _changed()
            st.rerun()
        if b4.button("Practice variant", icon=":material/shuffle:", key="ed_variant", width="stretch"):
            _open(NEW, variants.make_variant(row["content"], random.randrange(10_000)))
    st.divider()
    st.subheader("Draft from an idea")
    idea = st.text_input("One line about the call", key="ed_idea",
                         placeholder="elderly man fell in the shower, daughter calling, hard of hearing")
    if st.button("Draft a scenario", icon=":material/auto_awesome:", key="ed_draft"):
        _draft(idea)
    st.divider()
    st.subheader("Import YAML")
    up = st.file_uploader("Scenario file (.yaml)", key="ed_upload", type=None,
                          help="A new id creates a scenario; an existing id becomes its next version.")
    if up is not None and st.button("Import", key="ed_import"):
        try:
            sc = editor_data.parse_upload(up.name, up.getvalue())
        except ScenarioError as exc:
            st.error("This file cannot be imported:\n\n" + "\n".join(f"- {md(p)}" for p in exc.problems))
        else:
            version, created = editor_data.save(sc, user["id"])
            _changed()
            st.success(f"Imported {md(sc.id)} as version {version}." if created else
                       f"{md(sc.id)} is unchanged (still version {version}).")


def _draft(idea: str) -> None:
    """Ask the LLM for a complete, validated scenario and open it in the editor."""
    from sim_core.llm.draft import DraftError, draft_scenario
    example = (services.settings().scenarios_dir / "cardiac-arrest.yaml").read_text(encoding="utf-8")
    try:
        with st.spinner("Drafting…"):
            scenario, _ = draft_scenario(idea, services.llm_client(), example)
    except DraftError as exc:
        st.error(md(str(exc)))
        return
    _open(NEW, scenario.model_dump(mode="json"))


def edit_view(slug: str) -> None:
    latest = editor_data.all_latest()
    new = slug == NEW
    if new:
        doc = st.session_state.get("ed_new_doc") or dict(editor_data.TEMPLATE)
    elif slug in latest:
        doc = latest[slug]["content"]
    else:
        st.error(md(f"Unknown scenario {slug!r}."))
        return
    if st.button("← All scenarios", key="ed_back"):
        st.query_params.pop("scenario", None)
        st.rerun()
    head = "New scenario" if new else f"{md(doc['title'])} · v{latest[slug]['version']}"
    st.title(head)
    if st.session_state.get("ed_saved"):
        st.success(st.session_state.pop("ed_saved"))
    gen = st.session_state.get("ed_gen", 0)
    key = f"ed{gen}_{slug}"
    t_form, t_yaml, t_hist, t_try = st.tabs(["Form", "YAML", "History & diff", "Try it"])
    with t_form:
        problems = editor_form.Problems(st.session_state.get("ed_problems", []))
        with st.form(f"{key}_form", border=False):
            edited = editor_form.render(doc, key, problems, new=new)
            rest = problems.rest()
            if rest:
                st.error("Please fix:\n\n" + "\n".join(f"- {md(p)}" for p in rest))
            submit = st.form_submit_button("Save as new version", type="primary", icon=":material/save:")
        if submit:
            if not new:
                edited["id"] = slug
            _save(edited, new=new, existing=set(latest))
    with t_yaml:
        _yaml_tab(doc, key, new)
    with t_hist:
        if new:
            st.caption("Save the scenario first; its versions appear here.")
        else:
            _history(slug)
    with t_try:
        if new:
            st.caption("Save the scenario first, then try it.")
        else:
            _try_it(parse_scenario_yaml(latest[slug]["yaml_text"]))


def _save(edited: dict, *, new: bool, existing: set[str]) -> None:
    sc, problems = editor_data.validate(edited)
    if sc is not None and new and sc.id in existing:
        problems = [f"id: {sc.id!r} already exists; choose another id"]
    if problems:
        st.session_state["ed_problems"] = problems
        st.rerun()
    version, created = editor_data.save(sc, user["id"])
    _changed()
    st.session_state["ed_saved"] = (f"Saved version {version}." if created
                                    else f"No changes; still version {version}.")
    st.session_state.pop("ed_new_doc", None)
    _open(sc.id)


def _yaml_tab(doc: dict, key: str, new: bool) -> None:
    try:
        text = scenario_to_yaml(editor_data.validate(doc)[0]) if editor_data.validate(doc)[0] else ""
    except Exception:  # noqa: BLE001
        text = ""
    st.download_button("Export YAML", text, file_name=f"{doc.get('id', 'scenario')}.yaml",
                       mime="application/x-yaml", key=f"{key}_export", disabled=not text)
    with st.form(f"{key}_yamlform", border=False):
        edited = st.text_area("The whole scenario as YAML", text, height=480, key=f"{key}_yaml")
        ok = st.form_submit_button("Validate and save as new version")
    if ok:
        try:
            sc = parse_scenario_yaml(edited, "YAML")
        except ScenarioError as exc:
            st.error("Not saved:\n\n" + "\n".join(f"- {md(p)}" for p in exc.problems))
            return
        if not new and sc.id != doc["id"]:
            st.error(md(f"id: the id cannot change here ({sc.id!r} ≠ {doc['id']!r}); duplicate instead."))
            return
        _save(sc.model_dump(mode="json"), new=new, existing=set(editor_data.all_latest()) if new else set())


def _history(slug: str) -> None:
    hist = editor_data.history(slug)
    st.dataframe(pd.DataFrame([{"version": h["version"], "author": h["author"] or "seed",
                                "saved": h["created_at"]} for h in hist]), hide_index=True)
    if len(hist) < 2:
        st.caption("Only one version so far.")
        return
    names = {h["id"]: f"v{h['version']}" for h in hist}
    c1, c2 = st.columns(2)
    new_id = c1.selectbox("Compare", list(names), format_func=names.get, key="ed_diff_new")
    old_id = c2.selectbox("with", list(names), index=1, format_func=names.get, key="ed_diff_old")
    text = editor_data.diff(editor_data.version_text(old_id), editor_data.version_text(new_id),
                            names[old_id], names[new_id])
    st.code(text or "(no differences)", language="diff")


def _try_it(sc) -> None:
    call = calls.find_call(st.session_state.get("ed_try_call", ""), user)
    if call is None or call.scenario.id != sc.id:
        st.caption("A practice text call against this version; it is not recorded.")
        if st.button("Start a try-out call", key="ed_try_start"):
            call = calls.new_call(sc, None, user, record=False)
            call.answer()
            st.session_state["ed_try_call"] = call.call_id
            st.rerun()
        return
    widgets.transcript(calls.transcript_rows(call), height=300)
    if call.status == "ended":
        r = call.result
        st.info(f"Score {r.score:.0f} ({r.grade}). " + " ".join(
            f"{k.replace('_', ' ')}: {v['level']}." for k, v in r.categories.items()))
        if st.button("Try again", key="ed_try_again"):
            st.session_state.pop("ed_try_call", None)
            st.rerun()
        return
    with st.form("ed_try_form", clear_on_submit=True, border=False):
        text = st.text_input("You say", key="ed_try_text")
        c1, c2 = st.columns(2)
        said = c1.form_submit_button("Send")
        end = c2.form_submit_button("End try-out")
    if said:
        try:
            call.trainee_says(text)
        except CallInputError as exc:
            st.error(str(exc))
        st.rerun()
    if end:
        call.end()
        st.rerun()


slug = st.query_params.get("scenario")
if slug:
    edit_view(slug)
else:
    list_view()
