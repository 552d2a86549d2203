"""Widgets shared by the call and review pages: transcript with highlighted
entities, extracted-information panel, emotion meter, CAD form checks."""

from __future__ import annotations

import html
import re
from typing import Any

import streamlit as st

from sim_core.speech.confidence import LOW_CONFIDENCE

from .safe_text import html_text

LABEL_COLORS = {
    "ADDRESS": "#3b82f6",
    "PHONE": "#22c55e",
    "PERSON": "#a855f7",
    "AGE": "#a855f7",
    "MEDICAL": "#ef4444",
    "INJURY": "#f97316",
    "WEAPON": "#dc2626",
    "HAZARD": "#eab308",
    "DRUG": "#14b8a6",
    "VEHICLE": "#64748b",
    "TIME": "#94a3b8",
}
INFO_FIELDS = {  # panel row → entity labels that fill it
    "Address": ("ADDRESS",),
    "Callback": ("PHONE",),
    "Patient": ("PERSON", "AGE", "MEDICAL"),
    "Injuries": ("INJURY",),
    "Weapons": ("WEAPON",),
    "Hazards": ("HAZARD", "DRUG", "VEHICLE"),
}
EMOTION_ICON = {
    "calm": ":material/sentiment_satisfied:",
    "anxious": ":material/sentiment_neutral:",
    "panicked": ":material/sentiment_stressed:",
    "hysterical": ":material/sentiment_very_dissatisfied:",
    "whispering": ":material/volume_down:",
    "angry": ":material/sentiment_extremely_dissatisfied:",
}
PHONE_RE = re.compile(r"^[0-9 ()+.\-]{3,20}$")


_EDGE_PUNCT = ".,!?;:\"'()"
UNSURE_STYLE = "text-decoration:underline wavy #f59e0b;text-underline-offset:3px"


def _norm(word: str) -> str:
    return word.strip(_EDGE_PUNCT).lower()


def unsure_spans(text: str, unsure: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the recogniser's unsure words sit in the line, matched in order (a word that
    is not found, e.g. after the text was trimmed, is skipped and the rest still match)."""
    tokens = [(m.start(), m.end(), _norm(m.group())) for m in re.finditer(r"\S+", text)]
    spans, i = [], 0
    for word in unsure:
        want = _norm(str(word))
        if not want:
            continue
        for j in range(i, len(tokens)):
            if tokens[j][2] == want:
                spans.append(tokens[j][:2])
                i = j + 1
                break
    return spans


def _with_unsure(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> str:
    """text[a:b] escaped, its unsure words underlined and followed by a question mark."""
    out, pos = [], a
    for s, e in spans:
        s, e = max(s, a), min(e, b)
        if s >= e:
            continue
        out.append(html_text(text[pos:s]))
        out.append(
            f'<span title="heard, not sure" style="{UNSURE_STYLE}">'
            f'{html_text(text[s:e])}</span><sup style="color:#f59e0b">&#63;</sup>'
        )
        pos = e
    out.append(html_text(text[pos:b]))
    return "".join(out)


def highlight(text: str, entities: list[dict[str, Any]], unsure: list[str] | tuple[str, ...] = ()) -> str:
    """HTML for one line: entity spans marked with their label colour (dashed and
    'unconfirmed' when heard with doubt), words the recogniser was unsure of
    underlined with a question mark (text escaped)."""
    spans = sorted(
        (
            e
            for e in entities
            if isinstance(e.get("start"), int)
            and isinstance(e.get("end"), int)
            and 0 <= e["start"] < e["end"] <= len(text)
        ),
        key=lambda e: e["start"],
    )
    doubt = unsure_spans(text, unsure)
    out, pos = [], 0
    for e in spans:
        if e["start"] < pos:
            continue
        color = LABEL_COLORS.get(str(e.get("label")), "#94a3b8")
        unconfirmed = bool(e.get("heard_uncertain"))
        line = "dashed" if unconfirmed else "solid"
        note = " unconfirmed" if unconfirmed else ""
        out.append(_with_unsure(text, pos, e["start"], doubt))
        out.append(
            f'<mark title="{html.escape(str(e.get("label")))} '
            f'{float(e.get("confidence") or 0):.0%}{note}" style="background:{color}33;'
            f'border-bottom:2px {line} {color};color:inherit;padding:0 2px;border-radius:3px">'
            f"{_with_unsure(text, e['start'], e['end'], doubt)}</mark>"
        )
        pos = e["end"]
    out.append(_with_unsure(text, pos, len(text), doubt))
    return "".join(out)


def heard_note(row: dict[str, Any]) -> str:
    """' · heard 62%' for a spoken line (amber when low), '' for a typed one."""
    conf = row.get("confidence")
    if not isinstance(conf, (int, float)):
        return ""
    low = conf < LOW_CONFIDENCE
    style = "color:#f59e0b;opacity:1" if low else ""
    return (
        f' · <span title="how sure the recogniser was" style="{style}">'
        f"heard {conf:.0%}{' — check it' if low else ''}</span>"
    )


BUBBLE = (
    "<div style='display:flex;justify-content:{align};margin:6px 0'>"
    "<div style='max-width:82%;padding:8px 12px;border-radius:12px;background:{bg};"
    "border:1px solid {border}'><div style='opacity:.65;font-size:.78em'>{who} · {when}</div>"
    "<div>{text}</div></div></div>"
)


def transcript_html(rows: list[dict[str, Any]]) -> str:
    """The whole transcript as one HTML block (one element: cheap to redraw)."""
    out = []
    for r in rows:
        caller = r["speaker"] == "caller"
        who = "Caller" if caller else "You" if r.get("you", True) else "Trainee"
        t = r.get("t")
        when = f"{t:.0f}s" if isinstance(t, (int, float)) else ""
        text = highlight(r["text"], r.get("entities", []), r.get("unsure_words") or ())
        if r.get("interpreted"):
            text = (
                f"{html_text(r['interpreted'])}<div style='opacity:.55;font-size:.85em'>"
                f"through the interpreter · the caller said: "
                f"<i>{html_text(r.get('in_own_language', ''))}</i></div>"
            )
        out.append(
            BUBBLE.format(
                align="flex-start" if caller else "flex-end",
                bg="rgba(255,255,255,.05)" if caller else "rgba(229,72,77,.14)",
                border="rgba(255,255,255,.10)" if caller else "rgba(229,72,77,.35)",
                who=who,
                when=when + heard_note(r),
                text=text,
            )
        )
    return "".join(out)


def transcript(
    rows: list[dict[str, Any]], *, height: int | None = 430, empty: str = "The transcript will appear here."
) -> None:
    if not rows:
        st.container(border=True).caption(empty)
        return
    # column-reverse keeps the newest line in view without any script
    style = f"height:{height}px;overflow-y:auto;display:flex;flex-direction:column-reverse;" if height else ""
    st.markdown(
        f"<div style='{style}border:1px solid rgba(250,250,250,.2);border-radius:8px;"
        f"padding:4px 12px'><div>{transcript_html(rows)}</div></div>",
        unsafe_allow_html=True,
    )


def entity_legend() -> None:
    chips = " ".join(
        f'<span style="border-bottom:2px solid {c};padding:0 3px;font-size:.75em">{lab.lower()}</span>'
        for lab, c in LABEL_COLORS.items()
    )
    st.markdown(chips, unsafe_allow_html=True)


def info_panel(entities: list[dict[str, Any]]) -> None:
    """Extracted information: per field, the distinct values heard, best confidence first.
    A value only ever taken from doubtful speech is not a fact: it is shown apart, as
    'unconfirmed', until someone says it clearly (or types it)."""
    rows = []
    for name, labels in INFO_FIELDS.items():
        best: dict[str, float] = {}
        doubtful: dict[str, float] = {}
        for e in entities:
            if e.get("label") in labels:
                key = str(e.get("text", "")).strip()
                into = doubtful if e.get("heard_uncertain") else best
                into[key] = max(into.get(key, 0.0), float(e.get("confidence") or 0.0))
        doubtful = {k: c for k, c in doubtful.items() if k not in best}
        parts = []
        if best:
            vals = sorted(best.items(), key=lambda kv: -kv[1])[:3]
            parts.append("; ".join(f"{html_text(v)} <small style='opacity:.6'>({c:.0%})</small>" for v, c in vals))
        if doubtful:
            vals = sorted(doubtful.items(), key=lambda kv: -kv[1])[:3]
            parts.append(
                "<span style='opacity:.7' title='heard with doubt: confirm it with the caller'>"
                "unconfirmed: " + "; ".join(f"<i>{html_text(v)}</i>&#63;" for v, _c in vals) + "</span>"
            )
        value = "<br>".join(parts) if parts else "<span style='opacity:.45'>—</span>"
        rows.append(
            f"<tr><td style='padding:2px 8px 2px 0;opacity:.75'>{name}</td><td style='padding:2px 0'>{value}</td></tr>"
        )
    st.markdown(
        f"<table style='width:100%;font-size:.92em;border:none'>{''.join(rows)}</table>", unsafe_allow_html=True
    )


def console_panel(view: Any) -> None:
    """The ANI/ALI block of a 9-1-1 console: number, location as the carrier delivers it
    (with its uncertainty), line type, and why the call-taker must still verify it."""
    radius = (
        f" <span style='opacity:.7'>± {view.uncertainty_m} m</span>"
        if view.service == "wireless" and view.uncertainty_m
        else ""
    )
    sub = (
        (f"<tr><td style='opacity:.7;padding-right:10px'>Subscriber</td><td>{html_text(view.subscriber)}</td></tr>")
        if view.subscriber
        else ""
    )
    st.markdown(
        "<div style='border:1px solid rgba(59,130,246,.5);border-radius:8px;padding:6px 10px;"
        "background:rgba(59,130,246,.08);font-family:ui-monospace,monospace;font-size:.9em'>"
        "<div style='font-weight:600;opacity:.8;margin-bottom:2px'>ANI / ALI</div>"
        "<table style='border:none;width:100%'>"
        f"<tr><td style='opacity:.7;padding-right:10px'>Number</td><td>{html_text(view.number)}</td></tr>"
        f"<tr><td style='opacity:.7;padding-right:10px'>Location</td>"
        f"<td>{html_text(view.location)}{radius}</td></tr>"
        f"<tr><td style='opacity:.7;padding-right:10px'>Line</td>"
        f"<td>{html_text(view.service_name)}</td></tr>{sub}</table></div>",
        unsafe_allow_html=True,
    )
    st.caption(view.caution)


def emotion_meter(label: str, level: float) -> None:
    level = min(max(float(level), 0.0), 1.0)
    st.progress(
        level,
        text=f"{EMOTION_ICON.get(label, ':material/sentiment_neutral:')} Caller: **{label}** ({level:.0%} distress)",
    )


def fmt_clock(seconds: float) -> str:
    s = max(int(seconds), 0)
    return f"{s // 60:02d}:{s % 60:02d}"


def check_cad(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean CAD form values and the errors per field (empty dict when all good)."""
    errors: dict[str, str] = {}
    clean: dict[str, Any] = {}
    address = str(values.get("address") or "").strip()
    if len(address) > 200:
        errors["address"] = "Keep the address under 200 characters."
    elif address:
        clean["address"] = address
    callback = str(values.get("callback") or "").strip()
    if callback:
        digits = re.sub(r"\D", "", callback)
        if not PHONE_RE.match(callback) or not 3 <= len(digits) <= 15:
            errors["callback"] = "A callback number is 3-15 digits (spaces, dashes, brackets allowed)."
        else:
            clean["callback"] = callback
    itype = str(values.get("incident_type") or "").strip()
    if len(itype) > 80:
        errors["incident_type"] = "Keep the incident type under 80 characters."
    elif itype:
        clean["incident_type"] = itype
    prio = values.get("priority")
    if prio not in (None, ""):
        try:
            p = int(prio)
            if not 1 <= p <= 5:
                raise ValueError
            clean["priority"] = p
        except (TypeError, ValueError):
            errors["priority"] = "Priority is a whole number from 1 (most urgent) to 5."
    units = values.get("units") or []
    if isinstance(units, str):
        units = [u.strip() for u in units.split(",") if u.strip()]
    if units:
        bad = [u for u in units if len(u) > 20 or not re.match(r"^[A-Za-z0-9 \-]+$", u)]
        if bad:
            errors["units"] = f"Unit names are letters, digits and dashes: {', '.join(bad)}"
        else:
            clean["units"] = ", ".join(units)
    narrative = str(values.get("narrative") or "").strip()
    if len(narrative) > 2000:
        errors["narrative"] = "Keep the narrative under 2000 characters."
    elif narrative:
        clean["narrative"] = narrative
    return clean, errors
