"""The structured scenario form: every part of the schema as widgets, built from
a scenario dict and read back into one. Validation problems ("field.path: msg")
from the last save attempt are shown next to the widget they name."""

from __future__ import annotations

import math
from typing import Any, get_args

import pandas as pd
import streamlit as st

from sim_core.scenario import SLOTS, TRAINEE_ACTS, Emotion
from sim_core.scenario.schema import Behaviour

from .labels import act_label
from .safe_text import md

DIFFICULTIES = ["easy", "medium", "hard"]
AMBIENCES = ["home", "traffic", "crowd", "outdoors", "quiet"]
GENDERS = ["female", "male", "other", "unknown"]
PARTIES = ["first", "second", "third"]
BREATHING = ["normal", "abnormal", "agonal", "none", "unknown"]
BEHAVIOURS = list(get_args(Behaviour.model_fields["kind"].annotation))  # the schema's kinds
CATS = ["case_entry", "chief_complaint", "key_questions", "instructions", "customer_service"]
TRI = {"yes": True, "no": False, "unknown": None}
SERVICES = {
    "landline": "Landline (billing address, exact)",
    "wireless": "Wireless (position with an uncertainty radius)",
    "voip": "VoIP (registered address, may be wrong)",
}


# the form's tabs and the top-level fields each one holds (to count problems per tab)
TABS = {
    "General": ("id", "title", "description", "brief", "call_type", "difficulty", "ambience", "callback"),
    "Caller": ("caller",),
    "Location": ("location", "phone"),
    "Facts & patients": ("facts",),
    "Events": ("events",),
    "Behaviours": ("behaviours",),
    "Protocol": ("protocol",),
    "CAD truth": ("cad",),
    "Script": ("script",),
}


class Problems:
    """Problems from the last save, shown next to fields; the rest at the end."""

    def __init__(self, problems: list[str]) -> None:
        self.items = [(p.split(": ", 1) + [""])[:2] for p in problems]
        self.shown: set[int] = set()

    def show(self, path: str, prefix: bool = False) -> None:
        for i, (where, msg) in enumerate(self.items):
            if i in self.shown:
                continue
            hit = where == path or (prefix and (where.startswith(path + "[") or where.startswith(path + ".")))
            if hit:
                self.shown.add(i)
                label = where[len(path) :].lstrip(".") if prefix else ""
                st.error(md(f"{label + ': ' if label else ''}{msg}"), icon=":material/error:")

    def count(self, fields: tuple[str, ...]) -> int:
        """How many problems name one of these top-level fields."""
        return sum(1 for where, _ in self.items if where.split(".")[0].split("[")[0] in fields)

    def rest(self) -> list[str]:
        return [f"{w}: {m}" for i, (w, m) in enumerate(self.items) if i not in self.shown]


def _lines(value: list[str] | None) -> str:
    return "\n".join(value or [])


def _unlines(text: str) -> list[str]:
    return [x.strip() for x in (text or "").splitlines() if x.strip()]


def _clean(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    if isinstance(v, str) and not v.strip():
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for rec in df.to_dict("records"):
        row = {k: _clean(v) for k, v in rec.items()}
        if any(v is not None for v in row.values()):
            out.append({k: v for k, v in row.items() if v is not None})
    return out


def _csv(v: Any) -> list[str]:
    return [x.strip() for x in str(v or "").split(",") if x.strip()]


def _table(key: str, rows: list[dict[str, Any]], columns: dict[str, Any]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=list(columns)) if rows else pd.DataFrame(columns=list(columns))
    return st.data_editor(df, key=key, num_rows="dynamic", hide_index=True, column_config=columns, width="stretch")


def render(doc: dict[str, Any], key: str, problems: Problems, *, new: bool) -> dict[str, Any]:
    """Draw the form fields for `doc` (inside an st.form); return the edited dict."""
    k = lambda name: f"{key}_{name}"  # noqa: E731
    out: dict[str, Any] = {}
    tabs = st.tabs([f"{name} ⚠ {n}" if (n := problems.count(fields)) else name for name, fields in TABS.items()])
    with tabs[0]:
        out["id"] = st.text_input(
            "Id (file name)",
            doc.get("id", ""),
            key=k("id"),
            disabled=not new,
            help="lowercase letters, digits and dashes",
        )
        problems.show("id")
        out["title"] = st.text_input("Title", doc.get("title", ""), key=k("title"))
        problems.show("title")
        out["description"] = st.text_area(
            "Instructor notes (what happens, what is graded; trainees never see this)",
            doc.get("description", ""),
            key=k("desc"),
        )
        problems.show("description")
        out["brief"] = st.text_area(
            "Trainee brief (shown in the call picker; leave empty for call type and difficulty)",
            doc.get("brief", ""),
            key=k("brief"),
            height=68,
            max_chars=300,
            help="Say only what a call-taker knows before answering: no room, no outcome, no checklist.",
        )
        problems.show("brief")
        c1, c2, c3 = st.columns(3)
        out["call_type"] = c1.text_input("Call type", doc.get("call_type", ""), key=k("ctype"))
        with c1:
            problems.show("call_type")
        out["difficulty"] = c2.selectbox(
            "Difficulty", DIFFICULTIES, key=k("diff"), index=DIFFICULTIES.index(doc.get("difficulty", "medium"))
        )
        out["ambience"] = c3.selectbox(
            "Ambience", AMBIENCES, key=k("amb"), index=AMBIENCES.index(doc.get("ambience", "home"))
        )
        out["callback"] = st.text_input(
            "Callback number (as the caller says it)", doc.get("callback", ""), key=k("callback")
        )
        problems.show("callback")
    with tabs[1]:
        c = doc.get("caller", {})
        vh = c.get("voice_hints", {})
        c1, c2, c3 = st.columns(3)
        caller = {"name": c1.text_input("Name", c.get("name", ""), key=k("c_name"))}
        with c1:
            problems.show("caller.name")
        caller["age"] = c2.number_input(
            "Age", value=c.get("age"), min_value=0, max_value=130, step=1, key=k("c_age"), placeholder="unknown"
        )
        with c2:
            problems.show("caller.age")
        caller["gender"] = c3.selectbox(
            "Gender", GENDERS, key=k("c_gender"), index=GENDERS.index(c.get("gender", "unknown"))
        )
        caller["relation"] = c1.text_input(
            "Relation to the incident", c.get("relation", ""), key=k("c_rel"), help="self, wife, son, witness…"
        )
        with c1:
            problems.show("caller.relation")
        caller["party"] = c2.selectbox(
            "Party", PARTIES, index=PARTIES.index(c.get("party", "second")), key=k("c_party")
        )
        caller["language"] = c3.text_input("Language", c.get("language", "en"), key=k("c_lang"))
        emotions = [e.value for e in Emotion]
        caller["baseline_emotion"] = c1.selectbox(
            "Baseline emotion", emotions, key=k("c_emo"), index=emotions.index(c.get("baseline_emotion", "anxious"))
        )
        caller["personality"] = st.text_input("Personality", c.get("personality", ""), key=k("c_pers"))
        caller["speech_style"] = st.text_input("Speech style", c.get("speech_style", ""), key=k("c_style"))
        v1, v2, v3 = st.columns(3)
        caller["voice_hints"] = {
            "pitch": v1.number_input("Voice pitch", 0.5, 2.0, float(vh.get("pitch", 1.0)), 0.05, key=k("c_pitch")),
            "rate": v2.number_input("Voice rate", 0.5, 2.0, float(vh.get("rate", 1.0)), 0.05, key=k("c_rate")),
            "voice": v3.text_input("Voice name", vh.get("voice", ""), key=k("c_voice")),
        }
        problems.show("caller", prefix=True)
        out["caller"] = caller
    with tabs[2]:
        loc = doc.get("location", {})
        out["location"] = {"address": st.text_input("Address", loc.get("address", ""), key=k("l_addr"))}
        problems.show("location.address")
        c1, c2, c3 = st.columns(3)
        out["location"]["unit"] = c1.text_input("Unit", loc.get("unit", ""), key=k("l_unit"))
        out["location"]["cross_street"] = c2.text_input("Cross street", loc.get("cross_street", ""), key=k("l_cross"))
        out["location"]["city"] = c3.text_input("City", loc.get("city", ""), key=k("l_city"))
        out["location"]["landmarks"] = _unlines(
            st.text_area("Landmarks (one per line)", _lines(loc.get("landmarks")), key=k("l_land"))
        )
        problems.show("location", prefix=True)
        out["phone"] = _phone(doc.get("phone") or {}, k, problems)
    with tabs[3]:
        out["facts"] = _facts(doc.get("facts", {}), k, problems)
    with tabs[4]:
        out["events"] = _events(doc.get("events", []), k)
        problems.show("events", prefix=True)
    with tabs[5]:
        rows = _table(
            k("behaviours"),
            [dict(b, slots=", ".join(b.get("slots") or [])) for b in doc.get("behaviours", [])],
            {
                "kind": st.column_config.SelectboxColumn("kind", options=BEHAVIOURS, required=True),
                "slot": st.column_config.SelectboxColumn("slot (withhold)", options=list(SLOTS)),
                "times": st.column_config.NumberColumn("times", min_value=1, max_value=5, step=1),
                "wrong_address": st.column_config.TextColumn("wrong address"),
                "after_s": st.column_config.NumberColumn("after s", min_value=0),
                "duration_s": st.column_config.NumberColumn("duration s", min_value=0),
                "silence_s": st.column_config.NumberColumn("silence s", min_value=5),
                "rude_count": st.column_config.NumberColumn("rude count", min_value=1, step=1),
                "slots": st.column_config.TextColumn("slots (unknown answers, comma-separated)"),
            },
        )
        out["behaviours"] = [dict(r, slots=_csv(r["slots"])) if r.get("slots") else r for r in _rows(rows)]
        problems.show("behaviours", prefix=True)
    with tabs[6]:
        out["protocol"] = _protocol(doc.get("protocol", {}), k, problems)
    with tabs[7]:
        cad = doc.get("cad", {})
        c1, c2, c3 = st.columns([3, 2, 1])
        out["cad"] = {
            "address": c1.text_input(
                "CAD address",
                cad.get("address", "{address}"),
                key=k("cad_addr"),
                help="{address} is the location's address (and follows it when it changes)",
            ),
            "incident_type": c2.text_input("Incident type", cad.get("incident_type", ""), key=k("cad_type")),
            "priority": c3.number_input(
                "Priority", value=cad.get("priority"), min_value=1, max_value=5, step=1, key=k("cad_prio")
            ),
        }
        problems.show("cad", prefix=True)
    with tabs[8]:
        out["script"] = _script(doc.get("script", {}), k, problems)
    return out


def _phone(p: dict[str, Any], k, problems: Problems) -> dict[str, Any]:
    """The ANI/ALI the console shows; blanks are derived from the callback and address."""
    st.markdown("**What the 9-1-1 console shows (ANI/ALI)**")
    c1, c2, c3 = st.columns([2, 2, 1])
    service = c1.selectbox(
        "Phone line",
        list(SERVICES),
        format_func=SERVICES.get,
        key=k("ph_svc"),
        index=list(SERVICES).index(p.get("service", "wireless")),
    )
    number = c2.text_input(
        "Number shown (ANI)", p.get("number", ""), key=k("ph_num"), placeholder="the callback number"
    )
    with c2:
        problems.show("phone.number")
    radius = c3.number_input(
        "Radius (m)",
        value=p.get("uncertainty_m"),
        min_value=1,
        max_value=50000,
        step=10,
        key=k("ph_rad"),
        placeholder="150",
        help="wireless only: how far the real position may be",
    )
    location = st.text_input(
        "Location shown (ALI)",
        p.get("location", ""),
        key=k("ph_loc"),
        placeholder="landline and VoIP: the address; wireless: the block",
    )
    subscriber = st.text_input("Subscriber name", p.get("subscriber", ""), key=k("ph_sub"))
    problems.show("phone", prefix=True)
    out = {
        "service": service,
        "number": number.strip(),
        "location": location.strip(),
        "uncertainty_m": int(radius) if radius else None,
        "subscriber": subscriber.strip(),
    }
    return {x: v for x, v in out.items() if v not in ("", None)}


def _facts(f: dict[str, Any], k, problems: Problems) -> dict[str, Any]:
    out: dict[str, Any] = {
        "chief_complaint": st.text_input("Chief complaint", f.get("chief_complaint", ""), key=k("f_cc"))
    }
    problems.show("facts.chief_complaint")
    st.markdown("**Patients**")
    pts = [
        dict(
            p,
            conscious={True: "yes", False: "no"}.get(p.get("conscious"), "unknown"),
            injuries=", ".join(p.get("injuries", [])),
            conditions=", ".join(p.get("conditions", [])),
        )
        for p in f.get("patients", [])
    ]
    df = _table(
        k("patients"),
        pts,
        {
            "label": st.column_config.TextColumn("label"),
            "name": st.column_config.TextColumn("name"),
            "age": st.column_config.NumberColumn("age", min_value=0, max_value=120, step=1),
            "conscious": st.column_config.SelectboxColumn("conscious", options=list(TRI)),
            "breathing": st.column_config.SelectboxColumn("breathing", options=BREATHING),
            "injuries": st.column_config.TextColumn("injuries (comma-separated)"),
            "conditions": st.column_config.TextColumn("conditions (comma-separated)"),
        },
    )
    patients = []
    for r in _rows(df):
        r["conscious"] = TRI.get(r.get("conscious", "unknown"))
        r["injuries"], r["conditions"] = _csv(r.get("injuries")), _csv(r.get("conditions"))
        if r.get("age") is not None:
            r["age"] = int(r["age"])
        patients.append({k2: v for k2, v in r.items() if v is not None})
    out["patients"] = patients
    problems.show("facts.patients", prefix=True)
    st.markdown("**Suspects**")
    out["suspects"] = _rows(
        _table(
            k("suspects"),
            f.get("suspects", []),
            {
                "description": st.column_config.TextColumn("description", required=True),
                "name": st.column_config.TextColumn("name"),
                "location": st.column_config.TextColumn("location"),
                "armed": st.column_config.SelectboxColumn("armed", options=["yes", "no", "unknown"]),
            },
        )
    )
    problems.show("facts.suspects", prefix=True)
    c1, c2 = st.columns(2)
    for col, name in ((c1, "weapons"), (c2, "hazards"), (c1, "vehicles"), (c2, "drugs")):
        out[name] = _unlines(
            col.text_area(f"{name.capitalize()} (one per line)", _lines(f.get(name)), key=k(f"f_{name}"), height=90)
        )
        with col:
            problems.show(f"facts.{name}", prefix=True)
    out["people_count"] = c1.text_input("People count", f.get("people_count", ""), key=k("f_people"))
    out["timing"] = c2.text_input("Timing", f.get("timing", ""), key=k("f_timing"))
    out["unknown"] = st.multiselect(
        "Slots the caller truly does not know",
        list(SLOTS),
        default=[s for s in f.get("unknown", []) if s in SLOTS],
        key=k("f_unknown"),
    )
    out["ongoing_threat"] = st.checkbox(
        "The danger lasts (the caller stays afraid until an event ends it)",
        bool(f.get("ongoing_threat")),
        key=k("f_threat"),
    )
    st.markdown("**More facts the caller can be asked** (what someone wears, pets, door codes...)")
    details = [
        dict(
            d,
            acts=", ".join(d.get("acts", [])),
            keywords=", ".join(d.get("keywords", [])),
            answer=d["answer"] if isinstance(d.get("answer"), str) else (d.get("answer") or {}).get("default"),
        )
        for d in f.get("details", [])
    ]
    rows = _rows(
        _table(
            k("details"),
            details,
            {
                "id": st.column_config.TextColumn("id", required=True),
                "answer": st.column_config.TextColumn("caller's answer", width="large", required=True),
                "keywords": st.column_config.TextColumn("asked by words (comma-separated)"),
                "acts": st.column_config.TextColumn("asked by acts (comma-separated)"),
                "truth": st.column_config.TextColumn("plain fact"),
            },
        )
    )
    by_id = {d.get("id"): d.get("answer") for d in f.get("details", [])}
    out["details"] = []
    for r in rows:
        kept = by_id.get(r.get("id"))  # phrasings keyed by emotion survive an unchanged default
        answer = kept if isinstance(kept, dict) and kept.get("default") == r.get("answer") else r.get("answer")
        out["details"].append(dict(r, answer=answer, acts=_csv(r.get("acts")), keywords=_csv(r.get("keywords"))))
    problems.show("facts", prefix=True)
    return out


def _events(events: list[dict[str, Any]], k) -> list[dict[str, Any]]:
    flat = []
    for e in events:
        t = e.get("trigger", {})
        flat.append(
            {
                "id": e.get("id"),
                "at_s": t.get("at_s"),
                "after_act": t.get("after_act"),
                "unless_act": t.get("unless_act"),
                "say": e.get("say"),
                "emotion_delta": e.get("emotion_delta"),
                "set_breathing": e.get("set_breathing"),
                "set_conscious": {True: "yes", False: "no"}.get(e.get("set_conscious"), ""),
                "ends_threat": bool(e.get("ends_threat")),
                "lines": " | ".join(f"{s}: {x}" for s, x in (e.get("lines") or {}).items()),
            }
        )
    acts = list(TRAINEE_ACTS)
    df = _table(
        k("events"),
        flat,
        {
            "id": st.column_config.TextColumn("id", required=True),
            "at_s": st.column_config.NumberColumn("at s (after answer)", min_value=0),
            "after_act": st.column_config.SelectboxColumn("after act", options=acts, format_func=act_label),
            "unless_act": st.column_config.SelectboxColumn("unless act", options=acts, format_func=act_label),
            "say": st.column_config.TextColumn("caller says", width="large"),
            "emotion_delta": st.column_config.NumberColumn("emotion Δ", min_value=-1.0, max_value=1.0, step=0.05),
            "set_breathing": st.column_config.SelectboxColumn("set breathing", options=BREATHING),
            "set_conscious": st.column_config.SelectboxColumn("set conscious", options=["", "yes", "no"]),
            "ends_threat": st.column_config.CheckboxColumn("ends the danger"),
            "lines": st.column_config.TextColumn("changed answers (slot or detail: text | …)"),
        },
    )
    out = []
    for r in _rows(df):
        trig = {x: r.pop(x) for x in ("at_s", "after_act", "unless_act") if x in r}
        ev: dict[str, Any] = {"id": r.get("id", ""), "trigger": trig, "say": r.get("say", "")}
        for x in ("emotion_delta", "set_breathing"):
            if x in r:
                ev[x] = r[x]
        if r.get("set_conscious") in ("yes", "no"):
            ev["set_conscious"] = r["set_conscious"] == "yes"
        if r.get("ends_threat"):
            ev["ends_threat"] = True
        lines = {}
        for part in str(r.get("lines", "")).split("|"):
            if ":" in part:
                slot, text = part.split(":", 1)
                lines[slot.strip()] = text.strip()
        if lines:
            ev["lines"] = lines
        out.append(ev)
    return out


def _protocol(p: dict[str, Any], k, problems: Problems) -> dict[str, Any]:
    acts = list(TRAINEE_ACTS)
    c1, c2 = st.columns(2)
    out: dict[str, Any] = {
        "cardiac_arrest": c1.checkbox(
            "Cardiac arrest call (T-CPR metrics apply)", bool(p.get("cardiac_arrest")), key=k("p_ca")
        ),
        "dispatch_deadline_s": c2.number_input(
            "Dispatch deadline (s after answer)",
            min_value=1.0,
            value=float(p.get("dispatch_deadline_s", 60.0)),
            key=k("p_dd"),
        ),
    }
    req_cols = {
        "act": st.column_config.SelectboxColumn("act", options=acts, required=True, format_func=act_label),
        "deadline_s": st.column_config.NumberColumn("deadline s", min_value=1),
        "category": st.column_config.SelectboxColumn("category", options=CATS),
        "weight": st.column_config.NumberColumn("weight", min_value=0.1, max_value=5.0, step=0.5),
    }
    st.markdown("**Required acts** (questions, in the scored categories)")
    out["required_acts"] = _rows(_table(k("p_req"), p.get("required_acts", []), req_cols))
    problems.show("protocol.required_acts", prefix=True)
    st.markdown("**Required instructions**")
    out["required_instructions"] = _rows(_table(k("p_ins"), p.get("required_instructions", []), req_cols))
    problems.show("protocol.required_instructions", prefix=True)
    st.markdown("**Forbidden acts**")
    out["forbidden_acts"] = _rows(
        _table(
            k("p_forb"),
            p.get("forbidden_acts", []),
            {
                "act": st.column_config.SelectboxColumn("act", options=acts, required=True, format_func=act_label),
                "reason": st.column_config.TextColumn("why it is wrong", width="large", required=True),
            },
        )
    )
    problems.show("protocol.forbidden_acts", prefix=True)
    out["ordered"] = st.multiselect(
        "Acts that must come in this order (pick them in order)",
        acts,
        default=[a for a in p.get("ordered", []) if a in acts],
        format_func=act_label,
        key=k("p_order"),
    )
    problems.show("protocol", prefix=True)
    return out


def _script(s: dict[str, Any], k, problems: Problems) -> dict[str, Any]:
    out: dict[str, Any] = {
        "opening": _unlines(
            st.text_area("Opening lines (one per line, one is chosen)", _lines(s.get("opening")), key=k("s_open"))
        )
    }
    problems.show("script.opening", prefix=True)
    for name, label, options in (
        ("answers", "Answers per slot", list(SLOTS)),
        ("follows", "Replies to instructions", list(TRAINEE_ACTS)),
    ):
        st.markdown(f"**{label}** (emotion-specific variants are kept; edit them in the YAML tab)")
        orig = s.get(name, {})
        rows = [{"key": key, "text": v.get("default") if isinstance(v, dict) else v} for key, v in orig.items()]
        df = _table(
            k(f"s_{name}"),
            rows,
            {
                "key": st.column_config.SelectboxColumn(
                    "slot" if name == "answers" else "act",
                    options=options,
                    required=True,
                    format_func=(lambda x: x.replace("_", " ")) if name == "answers" else act_label,
                ),
                "text": st.column_config.TextColumn("what the caller says", width="large", required=True),
            },
        )
        merged: dict[str, Any] = {}
        for r in _rows(df):
            if "key" not in r:
                continue
            old = orig.get(r["key"])
            merged[r["key"]] = dict(old, default=r.get("text", "")) if isinstance(old, dict) else r.get("text", "")
        out[name] = merged
        problems.show(f"script.{name}", prefix=True)
    c1, c2 = st.columns(2)
    out["i_dont_know"] = _unlines(
        c1.text_area('"I don\'t know" lines', _lines(s.get("i_dont_know")), key=k("s_idk"), height=90)
    )
    out["fillers"] = _unlines(c2.text_area("Fillers", _lines(s.get("fillers")), key=k("s_fill"), height=90))
    out["hang_up"] = c1.text_input("Hang-up line", s.get("hang_up", ""), key=k("s_hang"))
    out["closing"] = c2.text_input("Closing line", s.get("closing", ""), key=k("s_close"))
    if s.get("interpreted"):  # the bilingual lines are edited in the YAML tab; kept as they are
        out["interpreted"] = s["interpreted"]
    if s.get("after_follow"):  # answers that change once an instruction is followed: YAML tab, kept
        out["after_follow"] = s["after_follow"]
    problems.show("script", prefix=True)
    return {x: v for x, v in out.items() if v not in ("", [], None) or x == "opening"}
