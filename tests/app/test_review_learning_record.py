"""The review page offers a scored call's learning record (xAPI JSON) to whoever may
see the call, and to nobody else."""

from __future__ import annotations

from db.signed_in import SignedInUser
from tests.app.app_helpers import app_as


def test_a_scored_call_offers_its_learning_record(accounts, recorded_calls):
    at = app_as(accounts["tina"], "pages/review.py", call=recorded_calls["tina"])
    assert not at.exception
    buttons = [e for e in at.get("download_button") if e.proto.label.startswith("Learning record")]
    assert len(buttons) == 1
    from ui import records

    statement = records.learning_record(SignedInUser.from_dict(accounts["tina"]), recorded_calls["tina"])
    assert statement["actor"]["account"]["name"] == "tina"
    assert statement["object"]["id"].endswith("/scenarios/cardiac-arrest")
    assert statement["result"]["completion"] is True


def test_nobody_gets_someone_elses_learning_record(accounts, recorded_calls):
    from ui import records

    tina, ivan = (SignedInUser.from_dict(accounts[name]) for name in ("tina", "ivan"))
    assert records.learning_record(tina, recorded_calls["tom"]) is None
    assert records.learning_record(ivan, recorded_calls["tom"]) is not None
