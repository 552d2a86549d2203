"""An instructor overrules the grader: dismissed findings and acts marked done re-score the
call, and the corrected lines become labelled examples the act model can retrain on."""

import json

import pytest

from sim_core.nlp.retrain import load_corrections
from sim_core.nlp.schema import ACTS
from sim_core.scoring.overrides import Override, labelled_lines, rescore
from tests.unit.test_grading_protocol import LIBRARY, play


def test_no_overrides_is_the_graders_own_score():
    call = play("burglary", "unsafe")
    assert rescore(LIBRARY.get("burglary"), call.timeline, []).score == call.result.score


def test_dismissing_the_unsafe_finding_gives_its_points_back_and_lifts_the_d_cap():
    call = play("burglary", "unsafe")
    unsafe = next(f for f in call.result.findings if f.kind == "unsafe")
    after = rescore(
        LIBRARY.get("burglary"),
        call.timeline,
        [Override("dismiss", "the caller was already safely upstairs", finding_id=unsafe.id)],
    )
    assert unsafe.id not in {f.id for f in after.findings}
    assert after.score > call.result.score + 15  # the overall points and category points return
    assert after.categories["instructions"]["score"] > call.result.categories["instructions"]["score"]


def test_marking_a_missed_act_done_on_a_line_credits_it_at_that_moment():
    call = play("cardiac-arrest", "poor")
    assert "missing:ask_conscious:call" in {f.id for f in call.result.findings}
    after = rescore(
        LIBRARY.get("cardiac-arrest"),
        call.timeline,
        [Override("mark_done", "'is he awake' was the consciousness question", act="ask_conscious", line=4)],
    )
    assert "missing:ask_conscious:call" not in {f.id for f in after.findings}
    assert after.metrics["key_question_coverage"] > call.result.metrics["key_question_coverage"]


def test_an_override_needs_a_reason_and_a_target():
    with pytest.raises(ValueError):
        Override("dismiss", "  ", finding_id="unsafe:unsafe_instruction:L3")
    with pytest.raises(ValueError):
        Override("mark_done", "it was asked", act="ask_age")
    with pytest.raises(ValueError):
        Override("ignore", "because", finding_id="x")


def test_corrected_lines_are_examples_retrain_accepts(tmp_path):
    call = play("burglary", "unsafe")
    unsafe = next(f for f in call.result.findings if f.kind == "unsafe")
    overrides = [
        Override("dismiss", "not unsafe here", finding_id=unsafe.id),
        Override("mark_done", "that was the stay-on-the-line instruction", act="instruct_stay_on_line", line=0),
    ]
    rows = labelled_lines(call.timeline, [f.to_dict() for f in call.result.findings], overrides, ACTS)
    by_text = {r["text"]: r["acts"] for r in rows}
    assert "unsafe_instruction" not in by_text[unsafe.quote]
    assert any("instruct_stay_on_line" in acts for acts in by_text.values())
    path = tmp_path / "corrections.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert len(load_corrections(path)) == len(rows)


def test_dismissing_a_repeat_is_not_a_relabelled_line():
    call = play("cardiac-arrest", "poor")
    repeat = next(f for f in call.result.findings if f.kind == "repeat")
    rows = labelled_lines(
        call.timeline,
        [f.to_dict() for f in call.result.findings],
        [Override("dismiss", "it was a fair clarification", finding_id=repeat.id)],
        ACTS,
    )
    assert rows == []  # the line still asked about breathing: nothing to relearn
