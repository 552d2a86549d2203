"""Parts of the scenario editor beside the form: where a scenario stands (draft
or published), its version history with a diff, and a try-out text call."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from db.signed_in import SignedInUser
from sim_core.call_status import CallInputError, CallStatus

from . import calls, editor_data, widgets
from .labels import NONE, human, score_text
from .safe_text import md

FLASH = "ed_flash"


def flash(kind: str, text: str) -> None:
    """A message that survives the rerun that follows a save or publish."""
    st.session_state[FLASH] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop(FLASH, (None, None))
    if kind:
        getattr(st, kind)(text)


def standing(row: dict[str, Any]) -> str:
    """What trainees get of this scenario, in words."""
    if row["status"] == "published":
        return f"Published: trainees get v{row['version']}."
    if row.get("published"):
        return f"v{row['version']} is a draft. Trainees still get v{row['published']} until you publish."
    return "Draft, never published: trainees do not see this scenario yet."


def _when(moment: Any) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else NONE


def history(slug: str) -> None:
    hist = editor_data.history(slug)
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "version": f"v{h['version']}",
                    "state": human(h.get("status")),
                    "author": h.get("author_name") or h["author"] or "scenario library",
                    "saved": _when(h["created_at"]),
                    "published": _when(h.get("published_at")),
                    "published by": h.get("published_by") or ("scenario library" if h.get("published_at") else NONE),
                }
                for h in hist
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    if len(hist) < 2:
        st.caption("Only one version so far.")
        return
    names = {h["id"]: f"v{h['version']} ({human(h.get('status')).lower()})" for h in hist}
    c1, c2 = st.columns(2)
    new_id = c1.selectbox("Compare", list(names), format_func=names.get, key="ed_diff_new")
    old_id = c2.selectbox("with", list(names), index=1, format_func=names.get, key="ed_diff_old")
    text = editor_data.diff(
        editor_data.version_text(old_id), editor_data.version_text(new_id), names[old_id], names[new_id]
    )
    st.code(text or "(no differences)", language="diff")


def try_it(sc, user: SignedInUser) -> None:
    """A practice text call against the latest version (draft included); not recorded."""
    call = calls.find_call(st.session_state.get("ed_try_call", ""), user)
    if call is None or call.scenario.id != sc.id:
        st.caption("A practice text call against the latest version (drafts too); it is not recorded.")
        if st.button("Start a try-out call", key="ed_try_start"):
            call = calls.new_call(sc, None, user, record=False)
            call.answer()
            st.session_state["ed_try_call"] = call.call_id
            st.rerun()
        return
    widgets.transcript(calls.transcript_rows(call), height=300)
    if call.status == CallStatus.ENDED:
        r = call.result
        st.info(
            f"Score {score_text(r.score)} ({r.grade}). "
            + " ".join(f"{human(k)}: {human(v['level']).lower()}." for k, v in r.categories.items())
        )
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
            st.error(md(str(exc)))
        st.rerun()
    if end:
        call.end()
        st.rerun()


__all__ = ["flash", "history", "show_flash", "standing", "try_it"]
