"""Scenario storage for the editor: list, save a draft, publish, activate,
history, readable diffs, YAML import. Thin wrappers over db.scenarios."""

from __future__ import annotations

import difflib
from typing import Any

from db.app_queries import latest_versions, version_yaml
from db.engine import session_scope
from db.scenarios import PublishError, publish_version, save_draft, set_scenario_active, version_history
from sim_core.scenario import Scenario, ScenarioError, parse_scenario, parse_scenario_yaml, scenario_to_yaml

from . import services

MAX_YAML_BYTES = 256 * 1024
# A new scenario starts with the case-entry protocol and empty truth: a draft can be
# saved as soon as it has an id, but publishing asks for every blank to be filled.
TEMPLATE = {
    "id": "",
    "title": "",
    "description": "",
    "call_type": "",
    "difficulty": "easy",
    "caller": {"name": "", "relation": "", "party": "second"},
    "location": {"address": ""},
    "callback": "",
    "facts": {"chief_complaint": ""},
    "protocol": {
        "required_acts": [
            {"act": "ask_address", "deadline_s": 20, "category": "case_entry"},
            {"act": "ask_callback", "category": "case_entry"},
        ]
    },
    "cad": {"address": "", "incident_type": "", "priority": 3},
    "script": {"opening": ["911? I need help!"]},
}


def _scope():
    return session_scope(services.engine())


def all_latest() -> dict[str, dict[str, Any]]:
    with _scope() as s:
        return latest_versions(s)


def latest(slug: str) -> dict[str, Any] | None:
    """One scenario's latest version, as all_latest() gives it (None if unknown)."""
    with _scope() as s:
        return latest_versions(s, slug=slug).get(slug)


def save(scenario: Scenario, author_id: str | None) -> tuple[int, bool]:
    """Save as a new draft version when the content changed: (version number, created?).
    Trainees keep playing the published version until this one is published."""
    with _scope() as s:
        before = version_history(s, slug=scenario.id)
        v = save_draft(s, scenario=scenario, yaml_text=scenario_to_yaml(scenario), author_id=author_id)
        created = not before or before[0]["id"] != str(v.id)
        return v.version, created


def publish(slug: str, by: str | None) -> tuple[int | None, list[str]]:
    """Publish the scenario's latest version: (version, []) or (None, problems by field)."""
    with _scope() as s:
        latest = latest_versions(s, slug=slug).get(slug)
        if latest is None:
            return None, [f"id: unknown scenario {slug!r}"]
        try:
            return publish_version(s, version_id=latest["id"], by=by).version, []
        except PublishError as exc:
            return None, exc.problems


def set_active(slug: str, active: bool) -> None:
    with _scope() as s:
        set_scenario_active(s, slug=slug, active=active)


def history(slug: str) -> list[dict[str, Any]]:
    with _scope() as s:
        return version_history(s, slug=slug)


def version_text(version_id: str) -> str:
    with _scope() as s:
        return version_yaml(s, version_id=version_id) or ""


def diff(old_text: str, new_text: str, old_name: str, new_name: str) -> str:
    """A unified diff of two versions' YAML (normalised, so formatting is not a change)."""

    def norm(text: str) -> list[str]:
        try:
            return scenario_to_yaml(parse_scenario_yaml(text)).splitlines()
        except ScenarioError:
            return text.splitlines()

    lines = difflib.unified_diff(norm(old_text), norm(new_text), old_name, new_name, lineterm="", n=2)
    return "\n".join(lines)


def parse_upload(name: str, data: bytes) -> Scenario:
    """A scenario from an uploaded file; ScenarioError with a clear reason otherwise."""
    if not name.lower().endswith((".yaml", ".yml")):
        raise ScenarioError(name, ["(file): only .yaml or .yml files can be imported"])
    if len(data) > MAX_YAML_BYTES:
        raise ScenarioError(name, [f"(file): too large ({len(data) // 1024} KB; limit 256 KB)"])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScenarioError(name, ["(file): not a text file (it is not UTF-8 YAML)"]) from None
    return parse_scenario_yaml(text, name)


def duplicate(doc: dict[str, Any], existing: set[str]) -> dict[str, Any]:
    copy = dict(doc)
    base = f"{doc['id'][:58]}-copy"
    slug, n = base, 2
    while slug in existing:
        slug, n = f"{base}{n}", n + 1
    copy["id"], copy["title"] = slug, f"{doc['title']} (copy)"
    return copy


def validate(doc: dict[str, Any]) -> tuple[Scenario | None, list[str]]:
    try:
        return parse_scenario(doc, "form"), []
    except ScenarioError as exc:
        return None, exc.problems
