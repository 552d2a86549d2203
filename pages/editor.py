"""Scenario editor: list, search, duplicate, activate/deactivate, create and edit
every part of a scenario. Edits are saved as drafts; publishing checks the whole
scenario and only then do trainees get it. Versions with history and diffs,
YAML import/export, a "try it" text call and practice variants."""

from __future__ import annotations

import random

import pandas as pd
import streamlit as st
import yaml

from sim_core.llm.draft import DraftError, draft_scenario
from sim_core.scenario import ScenarioError, parse_scenario_yaml, scenario_to_yaml, variants
from ui import calls, editor_data, editor_form, editor_views, records, services
from ui.access import require_role
from ui.labels import human
from ui.safe_text import md

user = require_role("instructor")
if services.db_error():
    st.error(f"Scenarios cannot be edited: {services.db_error()}")
    st.stop()
NEW = "__new__"
TABS = ["Form", "YAML", "History & diff", "Try it"]


def _open(slug: str, doc: dict | None = None) -> None:
    if doc is not None:
        st.session_state["ed_new_doc"] = doc
    st.session_state["ed_gen"] = st.session_state.get("ed_gen", 0) + 1
    st.session_state.pop("ed_problems", None)
    st.query_params["scenario"] = slug
    st.rerun()


def _changed() -> None:
    calls.scenario_catalog.clear()
    records.scenario_meta.clear()


def list_view() -> None:
    st.title("Scenario editor")
    latest = editor_data.all_latest()
    c1, c2 = st.columns([3, 1])
    q = c1.text_input("Search", key="ed_search", placeholder="title, id or call type")
    if c2.button("New scenario", icon=":material/add:", key="ed_new", width="stretch"):
        _open(NEW, dict(editor_data.TEMPLATE))
    rows = [
        {
            "title": (v["content"] or {}).get("title") or v["title"],
            "id": slug,
            "call type": v["call_type"].replace("_", " "),
            "difficulty": (v["content"] or {}).get("difficulty"),
            "version": _state(v) + ("" if v["active"] else " · inactive"),
        }
        for slug, v in sorted(latest.items())
    ]
    if q.strip():
        rows = [r for r in rows if q.lower() in f"{r['title']} {r['id']} {r['call type']}".lower()]
    df = pd.DataFrame(rows)
    picked = (
        st.dataframe(
            df,
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            key="ed_table",
            column_config={
                # sized so a long title and "v3 draft · trainees: v1" both show in full
                "title": st.column_config.TextColumn(width=340),
                "version": st.column_config.TextColumn(width=170),
            },
        )
        if rows
        else None
    )
    if not rows:
        st.info("No scenario matches.")
    sel = picked.selection.rows if picked else []
    ids = [r["id"] for r in rows]
    if ids:
        slug = st.selectbox(
            "Scenario",
            ids,
            index=sel[0] if sel else 0,
            key=f"ed_pick_{sel[0] if sel else -1}_{len(ids)}",
            format_func=lambda x: f"{latest[x]['title']} ({x})",
        )
        row = latest[slug]
        st.caption(
            f"{editor_views.standing(row)} {'Active' if row['active'] else 'Inactive'} · "
            f"{md(row['call_type'].replace('_', ' '))}"
        )
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
    if not services.settings().llm_configured:
        st.caption(
            "Drafting a scenario from one line needs a language model, and none is "
            "configured here. An administrator can set LLM_API_KEY (or LLM_BASE_URL); "
            'meanwhile start from "New scenario", "Duplicate" or a practice variant.'
        )
    else:
        idea = st.text_input(
            "One line about the call", key="ed_idea", placeholder="elderly man fell in the shower, daughter calling"
        )
        if st.button("Draft a scenario", icon=":material/auto_awesome:", key="ed_draft"):
            _draft(idea)
    st.divider()
    st.subheader("Import YAML")
    up = st.file_uploader(
        "Scenario file (.yaml)",
        key="ed_upload",
        type=None,
        help="A new id creates a scenario; an existing id becomes its next version.",
    )
    if up is not None and st.button("Import", key="ed_import"):
        try:
            sc = editor_data.parse_upload(up.name, up.getvalue())
        except ScenarioError as exc:
            st.error("This file cannot be imported:\n\n" + "\n".join(f"- {md(p)}" for p in exc.problems))
        else:
            version, created = editor_data.save(sc, user.id)
            _changed()
            st.success(
                f"Imported {md(sc.id)} as draft version {version}: open it and publish it when it is ready."
                if created
                else f"{md(sc.id)} is unchanged (still version {version})."
            )


def _state(v: dict) -> str:
    """'v3', or 'v4 draft · trainees: v3', or 'v1 draft · not published'."""
    if v["status"] == "published":
        return f"v{v['version']}"
    live = f"trainees: v{v['published']}" if v.get("published") else "not published"
    return f"v{v['version']} draft · {live}"


def _draft(idea: str) -> None:
    """Ask the LLM for a complete, validated scenario and open it in the editor."""
    example = (services.settings().scenarios_dir / "cardiac-arrest.yaml").read_text(encoding="utf-8")
    try:
        with st.spinner("Drafting…"):
            scenario, _ = draft_scenario(idea, services.llm_client(), example)
    except DraftError as exc:
        st.error(md(str(exc)))
        return
    _open(NEW, scenario.model_dump(mode="json"))


def edit_view(slug: str) -> None:
    new = slug == NEW
    row = None if new else editor_data.latest(slug)
    if new:
        doc = st.session_state.get("ed_new_doc") or dict(editor_data.TEMPLATE)
    elif row is not None:
        doc = row["content"]
    else:
        st.error(md(f"Unknown scenario {slug!r}."))
        return
    if st.button("← All scenarios", key="ed_back"):
        st.query_params.pop("scenario", None)
        st.rerun()
    # the title, messages and publish button are drawn once the form has been read, so a
    # saved draft shows its new version in the same run (the form is the page's cost)
    head = st.container()
    gen = st.session_state.get("ed_gen", 0)
    key = f"ed{gen}_{slug}"
    t_form, t_yaml, t_hist, t_try = st.tabs(TABS, key=f"ed_tabs_{slug}", on_change="rerun")
    if t_form.open is not False:
        with t_form:
            row = _form_tab(doc, key, new=new) or row
    if t_yaml.open is not False:
        with t_yaml:
            _yaml_tab(doc, key, new)
    if t_hist.open is not False:
        with t_hist:
            if new:
                st.caption("Save the scenario first; its versions appear here.")
            else:
                editor_views.history(slug)
    if t_try.open is not False:
        with t_try:
            if new:
                st.caption("Save the scenario first, then try it.")
            else:
                editor_views.try_it(parse_scenario_yaml(row["yaml_text"]), user)
    with head:
        _header(slug, row)


def _header(slug: str, row: dict | None) -> None:
    title = (row["content"] or {}).get("title") if row else ""
    st.title(
        "New scenario" if row is None else f"{md(title or slug)} · v{row['version']} ({human(row['status']).lower()})"
    )
    editor_views.show_flash()
    if row is not None:
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.caption(editor_views.standing(row))
        if row["status"] == "draft" and c2.button(
            f"Publish v{row['version']}", type="primary", icon=":material/publish:", key="ed_publish"
        ):
            _publish(slug)


def _form_tab(doc: dict, key: str, *, new: bool) -> dict | None:
    """The form; after a saved draft, the scenario's new latest row."""
    problems = editor_form.Problems(st.session_state.get("ed_problems", []))
    with st.form(f"{key}_form", border=False):
        edited = editor_form.render(doc, key, problems, new=new)
        rest = problems.rest()
        if rest:
            st.error("Please fix:\n\n" + "\n".join(f"- {md(p)}" for p in rest))
        c1, c2, _ = st.columns([1, 1, 3])
        draft = c1.form_submit_button("Save draft", icon=":material/save:", width="stretch")
        publish = c2.form_submit_button("Save and publish", type="primary", icon=":material/publish:", width="stretch")
    if draft or publish:
        if not new:
            edited["id"] = doc["id"]
        return _save(edited, new=new, publish=publish)
    return None


def _save(edited: dict, *, new: bool, publish: bool = False) -> dict | None:
    """Save the edit as a draft (schema errors beside the fields); then, if asked,
    publish it (the whole-scenario checks beside the fields). A draft saved from a form
    that shows no earlier problems stays in this run and returns the new latest row;
    otherwise the page opens afresh."""
    sc, problems = editor_data.validate(edited)
    if sc is not None and new and editor_data.latest(sc.id) is not None:
        problems = [f"id: {sc.id!r} already exists; choose another id"]
    if problems:
        st.session_state["ed_problems"] = problems
        st.rerun()
    version, created = editor_data.save(sc, user.id)
    _changed()
    st.session_state.pop("ed_new_doc", None)
    saved = f"Saved draft version {version}." if created else f"No changes; still version {version}."
    if publish:
        _publish(sc.id, saved)
    editor_views.flash("success", saved + " Trainees do not get it until you publish.")
    if new or st.session_state.get("ed_problems"):
        _open(sc.id)  # the id becomes the address; earlier messages go
    st.toast(saved, icon=":material/save:")  # seen where the form's buttons are, too
    return editor_data.latest(sc.id)


def _publish(slug: str, saved: str = "") -> None:
    version, problems = editor_data.publish(slug, user.id)
    _changed()
    if problems:
        editor_views.flash(
            "error",
            f"{saved} Not published: fix the {len(problems)} "
            f"problem{'s' if len(problems) > 1 else ''} shown beside the fields.",
        )
        st.session_state["ed_gen"] = st.session_state.get("ed_gen", 0) + 1
        st.query_params["scenario"] = slug
        st.session_state["ed_problems"] = problems
        st.rerun()
    editor_views.flash("success", f"{saved} Published version {version}: trainees get it now.")
    _open(slug)


def _yaml_tab(doc: dict, key: str, new: bool) -> None:
    sc = editor_data.validate(doc)[0]
    text = scenario_to_yaml(sc) if sc is not None else yaml.safe_dump(doc, sort_keys=False)
    st.download_button(
        "Export YAML",
        text,
        file_name=f"{doc.get('id', 'scenario')}.yaml",
        mime="application/x-yaml",
        key=f"{key}_export",
        disabled=not text,
    )
    with st.form(f"{key}_yamlform", border=False):
        edited = st.text_area("The whole scenario as YAML", text, height=480, key=f"{key}_yaml")
        ok = st.form_submit_button("Validate and save as a draft")
    if ok:
        try:
            sc = parse_scenario_yaml(edited, "YAML")
        except ScenarioError as exc:
            st.error("Not saved:\n\n" + "\n".join(f"- {md(p)}" for p in exc.problems))
            return
        if not new and sc.id != doc["id"]:
            st.error(md(f"id: the id cannot change here ({sc.id!r} ≠ {doc['id']!r}); duplicate instead."))
            return
        if _save(sc.model_dump(mode="json"), new=new) is not None:
            _open(sc.id)  # the form's fields show the YAML that was saved


slug = st.query_params.get("scenario")
if slug:
    edit_view(slug)
else:
    list_view()
