"""A finding: one explained deduction (or critical error) with its moment in the call.

Each finding has a stable id (its rule and the trainee line it is about) so a
reviewer's later decision about it can refer to it across re-scoring.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(slots=True)
class Finding:
    t: float | None
    kind: str
    category: str
    message: str
    points: float = 0.0  # points off its category
    rule: str = ""  # what the finding is about: an act, a standard, a CAD field
    line: int | None = None  # the trainee line it is about (index from 0), if any
    quote: str = ""  # that line's text, or the closest line for a "never did" finding
    overall_points: float = 0.0  # points off the overall score (critical findings)
    critical: bool = False
    standard: str | None = None  # key into standards.STANDARDS
    closest_line: int | None = None  # for a "never did" finding: the trainee line that came closest

    @property
    def id(self) -> str:
        where = "call" if self.line is None else f"L{self.line}"
        return f"{self.kind}:{self.rule or self.category}:{where}"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **asdict(self)}
