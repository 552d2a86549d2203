"""What the debrief shows for findings and codes: grouped repeats, plain times,
human words, one rounding of scores."""

from __future__ import annotations

from ui.debrief import findings_chart, grouped_findings, when_text
from ui.labels import act_label, human, score_text


def test_the_same_finding_twelve_times_is_one_line_with_its_times():
    findings = [
        {"category": "customer_service", "message": "Interrupted the caller.", "t": float(t), "points": 1}
        for t in range(5, 65, 5)
    ]
    findings.append({"category": "case_entry", "message": "Never verified the callback.", "t": None, "points": 4})
    groups = grouped_findings(findings)
    assert len(groups) == 2
    first = groups[0]
    assert first["count"] == 12 and first["points"] == 12
    assert when_text(first["times"], first["count"]) == "5 s, 10 s, 15 s, 20 s and 8 more"
    assert when_text(groups[1]["times"], 1) == "never"


def test_times_have_no_padding_inside_bold_markers():
    assert when_text([34.2], 1) == "34 s"
    assert when_text([3.0, 12.6], 2) == "3 s and 13 s"


def test_a_four_second_call_gets_a_readable_whole_second_axis():
    chart = findings_chart([{"category": "case_entry", "message": "x", "t": 2.0, "points": 1}], call_length_s=4.0)
    x = chart.to_dict()["encoding"]["x"]
    assert x["scale"]["domain"] == [0, 10.0] and x["axis"]["format"] == "d"


def test_codes_read_as_words():
    assert human("non_compliant") == "Non-compliant"
    assert human("push_to_talk") == "Push-to-talk"
    assert human("in_progress") == "In progress"
    assert human(None) == "—"
    assert act_label("verify_callback") == "Verify (read back): callback"
    assert act_label("instruct_cpr_hands") == "Instruct: CPR hands"


def test_one_rounding_of_scores_the_same_as_the_coaching_text():
    for score in (89.6, 88.5, 89.5, 0.4, 100.0):
        assert score_text(score) == f"{score:.0f}"  # the coaching paragraph's rounding
    assert score_text(None) == "—"
