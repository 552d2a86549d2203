"""The debrief narrative: a short coaching paragraph from the scoring findings.

With an LLM, the paragraph is written by the model from the findings and
metrics it is given — and only those: a narrative that cites a number not in
the scoring result is discarded. Without an LLM, or when the model fails,
a deterministic summary is built from the same findings; it names the score,
the strongest and weakest categories, the costliest mistakes with their
moments in the call and what to say instead.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from ..scenario.schema import Scenario
from .client import ChatClient
from .wire import LLMError

CATEGORY_NAMES = {
    "case_entry": "case entry",
    "chief_complaint": "chief complaint",
    "key_questions": "key questions",
    "instructions": "instructions",
    "cad_accuracy": "CAD accuracy",
    "customer_service": "customer service",
}
METRIC_NAMES = {
    "time_to_address": "address obtained",
    "time_to_arrest_recognition": "cardiac arrest recognised",
    "time_to_first_compression": "first compression",
    "time_to_dispatch_notice": "help announced",
    "time_to_callback": "callback obtained",
}
TOP_FINDINGS = 3
_NUM = re.compile(r"\d+(?:\.\d+)?")


@dataclass
class DebriefText:
    text: str
    source: str  # "llm" | "template"
    reason: str = ""  # why the template was used
    usage: dict[str, Any] = field(default_factory=dict)


def _top_findings(result: dict[str, Any]) -> list[dict[str, Any]]:
    findings = list(result.get("findings") or [])
    return sorted(findings, key=lambda f: (-float(f.get("points") or 0), f.get("t") is None, f.get("t") or 0.0))[
        :TOP_FINDINGS
    ]


def _at(t: Any) -> str:
    return f"at {float(t):.0f}s" if t is not None else "never done"


def template_debrief(result: dict[str, Any], scenario: Scenario | None = None) -> str:
    """A useful summary without any model: score, strengths, costliest mistakes, timings."""
    score, grade = result.get("score", 0), result.get("grade", "?")
    cats = {k: v.get("score", 0) for k, v in (result.get("categories") or {}).items()}
    title = f' on "{scenario.title}"' if scenario is not None else ""
    out = [f"You scored {score:.0f} ({grade}){title}."]
    if cats:
        best = max(cats, key=lambda c: cats[c])
        worst = min(cats, key=lambda c: cats[c])
        if cats[best] > cats[worst]:
            out.append(
                f"Strongest area: {CATEGORY_NAMES.get(best, best)} ({cats[best]:.0f}); "
                f"work on {CATEGORY_NAMES.get(worst, worst)} ({cats[worst]:.0f})."
            )
        else:
            out.append(f"Every category scored {cats[best]:.0f}.")
    top = _top_findings(result)
    if top:
        out.append("What cost the most:")
        out.extend(f"- {f.get('message', '').strip()} ({_at(f.get('t'))})" for f in top)
    else:
        out.append("No deductions: the protocol was followed in order and on time.")
    metrics = result.get("metrics") or {}
    times = [
        f"{label} {float(metrics[key]):.0f}s" for key, label in METRIC_NAMES.items() if metrics.get(key) is not None
    ]
    if times:
        out.append("Timings: " + ", ".join(times) + ".")
    return "\n".join(out)


def _facts_for_prompt(result: dict[str, Any]) -> str:
    lines = [f"Score {result.get('score')} ({result.get('grade')})."]
    for cat, v in (result.get("categories") or {}).items():
        lines.append(f"- {CATEGORY_NAMES.get(cat, cat)}: {v.get('score')} ({v.get('level')})")
    lines.append("Findings (the only mistakes you may mention):")
    findings = result.get("findings") or []
    lines.extend(
        f"{i}. [{f.get('category')}] {f.get('message')} ({_at(f.get('t'))})" for i, f in enumerate(findings, 1)
    )
    if not findings:
        lines.append("(none)")
    metrics = result.get("metrics") or {}
    lines.append("Timings: " + ", ".join(f"{k}={v}" for k, v in metrics.items() if v is not None))
    return "\n".join(lines)


def _grounded(text: str, result: dict[str, Any], scenario: Scenario | None) -> bool:
    """Every number in the narrative must come from the result or the scenario."""
    source = repr(result) + (scenario.model_dump_json() if scenario is not None else "")
    known = {float(n) for n in _NUM.findall(source)}
    for n in _NUM.findall(text):
        value = float(n)
        if not any(abs(value - k) <= 1.0 for k in known):
            return False
    return True


def write_debrief(
    result: dict[str, Any], scenario: Scenario | None = None, client: ChatClient | None = None
) -> DebriefText:
    template = template_debrief(result, scenario)
    if client is None:
        return DebriefText(template, "template", "no LLM configured")
    what = f'the "{scenario.title}" call ({scenario.call_type})' if scenario is not None else "the call"
    messages = [
        {
            "role": "system",
            "content": (
                "You are a 9-1-1 training officer. Write one short coaching paragraph (4 to 6 "
                "sentences, second person, plain words) for a trainee after a simulated call. Be "
                "specific: name the moments (seconds) and what to say instead. Mention only the "
                "findings listed; never invent mistakes, praise or numbers that are not given. "
                "No headings, no lists."
            ),
        },
        {"role": "user", "content": f"Scoring of {what}:\n{_facts_for_prompt(result)}"},
    ]
    try:
        text, usage = client.complete(
            messages,
            deadline=time.monotonic() + 60.0,
            first_token_s=max(client.timeout_s, 20.0),
            max_tokens=400,
            temperature=0.4,
        )
    except LLMError as exc:
        return DebriefText(template, "template", f"llm: {exc}")
    text = " ".join(text.split())
    if len(text) < 40:
        return DebriefText(template, "template", "llm narrative too short", usage)
    if not _grounded(text, result, scenario):
        return DebriefText(template, "template", "llm narrative cited numbers not in the scoring", usage)
    return DebriefText(text, "llm", "", usage)


def debrief_narrative(
    result: dict[str, Any], scenario: Scenario | None = None, client: ChatClient | None = None
) -> str:
    """The coaching paragraph (LLM when available, else the template)."""
    return write_debrief(result, scenario, client).text
