"""Scenario drafting: from an instructor's one-line idea to a valid scenario.

The model gets the schema's field list (generated from the pydantic models,
so it never drifts from the validator), the allowed acts, slots and
behaviours, and a complete example scenario. Its YAML is validated with the
same loader the scenario library uses; when it fails, the validation errors
go back to the model for one repair round. A draft that is still invalid
raises `DraftError` listing what is wrong.
"""

from __future__ import annotations

import re
import time
import typing
from typing import Any

import yaml
from pydantic import BaseModel

from ..scenario import ScenarioError, parse_scenario_yaml
from ..scenario.schema import SLOTS, TRAINEE_ACTS, Behaviour, Scenario
from .client import ChatClient
from .wire import LLMError

_FENCE = re.compile(r"```(?:ya?ml)?\s*\n(.*?)```", re.S | re.I)
_SLUG = re.compile(r"[^a-z0-9]+")


class DraftError(ValueError):
    """No valid scenario could be drafted; str() says why."""

    def __init__(self, message: str, problems: list[str] | None = None, yaml_text: str = "") -> None:
        self.problems = problems or []
        self.yaml_text = yaml_text
        super().__init__(message + ("".join(f"\n  - {p}" for p in self.problems)))


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in args)
    if origin in (list, tuple):
        return f"list of {_type_name(args[0])}" if args else "list"
    if origin is dict:
        return f"mapping {_type_name(args[0])} -> {_type_name(args[1])}" if args else "mapping"
    if args and type(None) in args:
        return " | ".join(_type_name(a) for a in args if a is not type(None)) + " | null"
    if args:
        return " | ".join(_type_name(a) for a in args)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp.__name__
    if hasattr(tp, "__members__"):
        return " | ".join(repr(m.value) for m in tp)
    return getattr(tp, "__name__", str(tp))


def _models(tp: Any) -> list[type[BaseModel]]:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [tp]
    return [m for a in typing.get_args(tp) for m in _models(a)]


def schema_outline(model: type[BaseModel] = Scenario) -> str:
    """Every model of the scenario schema with its fields, types and notes."""
    out: list[str] = []
    todo, seen = [model], set()
    while todo:
        m = todo.pop(0)
        if m in seen:
            continue
        seen.add(m)
        out.append(f"{m.__name__}:")
        for name, info in m.model_fields.items():
            need = "required" if info.is_required() else "optional"
            note = f" — {info.description}" if info.description else ""
            out.append(f"  {name}: {_type_name(info.annotation)} ({need}){note}")
            todo.extend(_models(info.annotation))
    return "\n".join(out)


def _system_prompt(example_yaml: str) -> str:
    kinds = typing.get_args(Behaviour.model_fields["kind"].annotation)
    return (
        "You write training scenarios for a 9-1-1 call-taker simulator. A scenario is the "
        "ground truth of one emergency call, as a YAML document. Reply with the YAML only, in "
        "one ```yaml block.\n\n"
        f"Schema (field: type):\n{schema_outline()}\n\n"
        f"Trainee acts (for protocol, follows, triggers): {', '.join(TRAINEE_ACTS)}\n"
        f"Answer slots (for script.answers, facts.unknown, withhold): {', '.join(SLOTS)}\n"
        f"Behaviour kinds: {', '.join(kinds)}\n"
        "Rules: id is lowercase letters, digits and dashes; script.answers phrasings are what the "
        "caller says, in the caller's voice, consistent with facts; every fact the caller states "
        "must be in facts/location; protocol follows real call-taking (address, callback, chief "
        "complaint, key questions, dispatch, instructions); invent a plausible street address "
        "and a 555-01xx callback number.\n\n"
        f"A complete example:\n```yaml\n{example_yaml.strip()}\n```"
    )


def extract_yaml(reply: str) -> str:
    m = _FENCE.search(reply)
    return (m.group(1) if m else reply).strip()


def _fix_id(text: str) -> str:
    """Make a sloppy id valid (slug of the title) without touching the rest."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if not isinstance(data, dict):
        return text
    raw = str(data.get("id") or data.get("title") or "draft")
    slug = _SLUG.sub("-", raw.lower()).strip("-")[:64] or "draft"
    if len(slug) < 2:
        slug = f"{slug}-draft"
    if data.get("id") == slug:
        return text
    data["id"] = slug
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _ask(client: ChatClient, messages: list[dict[str, str]]) -> str:
    try:
        text, _ = client.complete(
            messages,
            deadline=time.monotonic() + 180.0,
            first_token_s=max(client.timeout_s, 30.0),
            max_tokens=4000,
            temperature=0.7,
        )
    except LLMError as exc:
        raise DraftError(f"could not draft the scenario: {exc}") from None
    return text


def draft_scenario(idea: str, client: ChatClient | None, example_yaml: str) -> tuple[Scenario, str]:
    """A scenario that passes validation, and its YAML for the editor."""
    idea = " ".join((idea or "").split())
    if not idea:
        raise DraftError(
            'describe the call in one line, e.g. "elderly man fell in the shower, daughter calling, hard of hearing"'
        )
    if client is None:
        raise DraftError(
            "scenario drafting needs an LLM: set LLM_API_KEY (OpenRouter) or LLM_BASE_URL to a compatible server"
        )
    messages = [
        {"role": "system", "content": _system_prompt(example_yaml)},
        {"role": "user", "content": f"Write a complete scenario for this idea: {idea}"},
    ]
    problems: list[str] = []
    text = ""
    for _attempt in (0, 1):
        reply = _ask(client, messages)
        text = _fix_id(extract_yaml(reply))
        try:
            scenario = parse_scenario_yaml(text, "draft")
        except ScenarioError as exc:
            problems = exc.problems
            messages += [
                {"role": "assistant", "content": reply},
                {
                    "role": "user",
                    "content": "That YAML does not validate:\n"
                    + "\n".join(f"- {p}" for p in problems)
                    + "\nReply with the corrected complete YAML only.",
                },
            ]
            continue
        return scenario, text
    raise DraftError("the drafted scenario is still invalid after one repair round:", problems, text)
