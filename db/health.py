"""The whole deployment's health: the database, then every backend the simulator uses.

`run_doctor` is what `python -m cli doctor`, the admin page and the API's `/ready`
report. The simulator's own checks live in `sim_core.doctor`; the database's is
here because only `db` knows the schema and its migrations.
"""

from __future__ import annotations

from sim_core import doctor
from sim_core.doctor import Check, Row, guard, row
from sim_core.settings import Settings

from .cli_commands import status
from .engine import safe_url


def check_database(settings: Settings) -> Row:
    """Reachable and at the newest migration; the detail names the command that fixes it."""
    configured = bool(settings.database_url)
    where = safe_url(settings.effective_database_url)

    def run() -> Row:
        info = status(settings)
        if info["at_head"]:
            return row("database", configured, "ok", f"{where} at revision {info['head']}")
        return row(
            "database",
            configured,
            "down",
            f"{where} at revision {info['current'] or 'none'}, head is {info['head']}: run `python -m cli db upgrade`",
        )

    return guard("database", configured, run)


CHECKS: tuple[Check, ...] = (check_database, *doctor.CHECKS)


def run_doctor(settings: Settings) -> tuple[list[Row], bool]:
    """Every check; ok is False when a configured dependency is down."""
    return doctor.run_doctor(settings, CHECKS)


__all__ = ["CHECKS", "check_database", "run_doctor"]
