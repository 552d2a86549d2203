"""Load and validate scenario YAML files with errors that name the file,
the field path and what is wrong."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from .schema import Scenario


class ScenarioError(ValueError):
    """A scenario file or document is invalid; str() is a readable report."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def _where(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def parse_scenario(data: Any, source: str = "<scenario>") -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError(source, ["the document must be a mapping of fields (id, title, ...)"])
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{_where(tuple(err['loc']))}: {msg}")
        raise ScenarioError(source, problems) from None


def parse_scenario_yaml(text: str, source: str = "<scenario>") -> Scenario:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(source, [f"{where}malformed YAML ({problem})"]) from None
    return parse_scenario(data, source)


def load_scenario_file(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(str(path), [f"cannot read file ({exc.__class__.__name__}: {exc})"]) from None
    scenario = parse_scenario_yaml(text, str(path))
    if scenario.id != path.stem:
        raise ScenarioError(str(path), [f"id: {scenario.id!r} must match the file name {path.stem!r}"])
    return scenario


def scenario_to_yaml(scenario: Scenario) -> str:
    data = scenario.model_dump(mode="json", exclude_defaults=True)
    for key in ("id", "title", "description", "call_type", "difficulty", "caller", "location",
                "callback", "facts", "protocol", "cad", "script"):
        data.setdefault(key, scenario.model_dump(mode="json")[key])
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


class ScenarioLibrary:
    """All scenarios of a folder, loaded once; bad files are reported, not loaded."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.scenarios: dict[str, Scenario] = {}
        self.errors: list[ScenarioError] = []
        for path in sorted(self.folder.glob("*.yaml")):
            try:
                sc = load_scenario_file(path)
            except ScenarioError as exc:
                self.errors.append(exc)
                continue
            self.scenarios[sc.id] = sc

    def get(self, scenario_id: str) -> Scenario:
        try:
            return self.scenarios[scenario_id]
        except KeyError:
            known = ", ".join(sorted(self.scenarios)) or "none"
            raise KeyError(f"unknown scenario {scenario_id!r}; known: {known}") from None

    def __iter__(self):
        return iter(self.scenarios.values())

    def __len__(self) -> int:
        return len(self.scenarios)
