"""`python -m tools.bench [--suite NAME ...] [--json]`: print benchmark figures."""

from __future__ import annotations

import argparse
import json
import sys

from .suites import SUITES, run_suites


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.bench", description="print benchmark figures")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--suite", action="append", default=[], choices=sorted(SUITES), help="a suite to run (repeatable; default core)"
    )
    args = ap.parse_args(argv)
    figures = run_suites(args.suite or ["core"])
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:36} {value}")
    return 0


sys.exit(main())
