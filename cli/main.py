"""The application's command line: the simulator's commands plus the database's.

python -m cli prestart                 schema to head, then the seed scenarios
python -m cli db upgrade|downgrade REV|seed|status
python -m cli users add NAME --role R --password P
python -m cli doctor                   every configured dependency, one table
python -m cli nlp export-corrections --out FILE
python -m cli play cardiac-arrest      (and every other `python -m sim_core` command)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from db import cli_commands
from db.bootstrap import prestart
from db.engine import get_engine, session_scope
from db.health import run_doctor
from db.overrides import export_corrections
from db.users import UserError
from sim_core import cli as sim_cli
from sim_core.doctor import format_table
from sim_core.settings import get_settings


def cmd_prestart(args: argparse.Namespace) -> int:
    """What a server runs before it serves: the schema to head, then the seed scenarios."""
    counts = prestart(get_settings())
    print(
        f"database at head; scenarios: {counts['new_versions']} new version(s), "
        f"{counts['unchanged']} unchanged, {counts['skipped']} skipped"
    )
    for error in counts["errors"]:
        print(f"warning: {error}", file=sys.stderr)
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.action == "upgrade":
        cli_commands.upgrade(settings)
        print("database at head")
    elif args.action == "downgrade":
        cli_commands.downgrade(settings, args.revision)
        print(f"database at {args.revision}")
    elif args.action == "status":
        info = cli_commands.status(settings)
        print(json.dumps(info))
        return 0 if info["at_head"] else 1
    else:
        print(json.dumps(cli_commands.seed(settings)))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    rows, ok = run_doctor(get_settings())
    print(format_table(rows))
    return 0 if ok else 1


def cmd_users_add(args: argparse.Namespace) -> int:
    cli_commands.add_user(
        get_settings(),
        username=args.username,
        role=args.role,
        display_name=args.display_name or args.username,
        password=args.password,
    )
    print(f"user {args.username} ({args.role}) created")
    return 0


def cmd_nlp_export_corrections(args: argparse.Namespace) -> int:
    with session_scope(get_engine(get_settings())) as s:
        n = export_corrections(s, Path(args.out))
    print(f"{n} corrected line(s) written to {args.out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m cli", description="9-1-1 call-taker simulator")
    sub = p.add_subparsers(dest="command", required=True)
    groups: dict[str, Any] = sim_cli.add_commands(sub)
    nx = groups["nlp"].add_parser(
        "export-corrections", help="instructors' corrected trainee lines as JSONL for retrain --corrections"
    )
    nx.add_argument("--out", required=True, help="JSONL file to write")
    nx.set_defaults(func=cmd_nlp_export_corrections)
    sub.add_parser("prestart", help="before serving: schema to head, then the seed scenarios").set_defaults(
        func=cmd_prestart
    )
    d = sub.add_parser("db", help="database schema and seed data")
    d.add_argument("action", choices=["upgrade", "downgrade", "seed", "status"])
    d.add_argument("revision", nargs="?", default="base", help="for downgrade (default base)")
    d.set_defaults(func=cmd_db)
    sub.add_parser("doctor", help="check every configured dependency").set_defaults(func=cmd_doctor)
    u = sub.add_parser("users", help="manage accounts").add_subparsers(dest="action", required=True)
    ua = u.add_parser("add")
    ua.add_argument("username")
    ua.add_argument("--role", required=True, choices=["trainee", "instructor", "supervisor", "admin"])
    ua.add_argument("--password", required=True)
    ua.add_argument("--display-name", default="")
    ua.set_defaults(func=cmd_users_add)
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        return sim_cli.run(build_parser(), argv)  # settings and database faults: one line
    except UserError as exc:
        return sim_cli.fail(str(exc))
