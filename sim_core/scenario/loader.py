"""Load and validate scenario YAML files with errors that name the file,
the field path and what is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import placeholders
from .schema import Scenario

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


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
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            problems.append(f"{_where(tuple(err['loc']))}: {msg}")
        raise ScenarioError(source, problems) from None
    unfilled = placeholders.problems(scenario.model_dump(mode="json"))
    if unfilled:
        raise ScenarioError(source, unfilled)
    return scenario


# A scenario is a few kilobytes (the seeds are under 7 KB, ~400 values, nested 6 deep).
MAX_YAML_CHARS = 256 * 1024
MAX_DEPTH = 32
MAX_VALUES = 20_000  # after YAML aliases (*name) are expanded: what the app will copy


class _Limited(yaml.YAMLError):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader that refuses nesting deeper than MAX_DEPTH while composing (before
    Python's recursion limit could be reached)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Limited(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _expanded_values(root: yaml.Node) -> int:
    """How many values the document holds once every alias is expanded (each shared node
    counted once per reference), in time linear in the document; a self-referencing alias
    is refused."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise _Limited("an alias refers to the value that contains it")
        busy.add(key)
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(v) for v in node.value)
        else:
            total = 1
        busy.discard(key)
        sizes[key] = total = min(total, MAX_VALUES + 1)
        return total

    return size(root)


def load_yaml_limited(text: str) -> Any:
    """yaml.safe_load with limits on size, nesting depth and alias expansion, so a hostile
    document is refused with a clear message instead of eating memory or the stack."""
    if len(text) > MAX_YAML_CHARS:
        raise _Limited(f"the document is {len(text) // 1024} KB; a scenario may be at most {MAX_YAML_CHARS // 1024} KB")
    loader = _LimitedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_values(node) > MAX_VALUES:
            raise _Limited(
                f"the document expands to more than {MAX_VALUES:,} values through "
                "YAML aliases (*name); write the repeated parts out or use fewer"
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse_scenario_yaml(text: str, source: str = "<scenario>") -> Scenario:
    try:
        data = load_yaml_limited(text)
    except _Limited as exc:
        raise ScenarioError(source, [f"too large: {exc.problem}"]) from None
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
    full = None
    for key in (
        "id",
        "title",
        "description",
        "call_type",
        "difficulty",
        "caller",
        "location",
        "callback",
        "facts",
        "protocol",
        "cad",
        "script",
    ):
        if key not in data:
            full = full or scenario.model_dump(mode="json")
            data[key] = full[key]
    # libyaml's emitter when PyYAML has it (the editor writes YAML on every save)
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)


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
