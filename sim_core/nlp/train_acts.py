"""Build the trained dialogue-act model if the data or recipe changed:
``python -m sim_core.nlp.train_acts [--force]`` (scripts/setup.sh runs it)."""

from __future__ import annotations

import sys

from .learned_acts import model_path, train


def main(argv: list[str]) -> None:
    target = model_path()
    if target.is_dir() and "--force" not in argv:
        print(f"act model up to date: {target}")
    else:
        print(f"act model trained: {train(target)}")


if __name__ == "__main__":
    main(sys.argv[1:])
