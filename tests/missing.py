"""What the tests need and do not find: skipped on a developer's machine, a failure
under CI, where everything must be present."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(what: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI is set: anything missing is a failure)", pytrace=False)
    pytest.skip(what)
