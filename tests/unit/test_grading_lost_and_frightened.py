"""Scorer 2.4, each rule with a short call of our own: a frightened caller (a child above all)
left with neither reassurance nor anything to do is one finding; coaching CPR is call control
from the moment it starts, and its lateness is the T-CPR measures' alone; a caller lost after help
was sent to a verified location is one deduction for the questions still to come, while safety
advice never given still counts and a caller lost before help was sent is owed everything."""

from sim_core.scoring import SCORER_VERSION
from sim_core.scoring.conduct import HANG_UP_OVERALL, UNCALMED_OVERALL, UNCALMED_POINTS, uncalmed_caller
from sim_core.scoring.metrics import CallFacts, TraineeAct
from tests.unit.test_grading_officer_rules import LIBRARY, call, findings


def test_scorer_version_is_2_4():
    assert SCORER_VERSION == "2.4"


def _frightened(acts, sid="child-caller"):
    facts = CallFacts(answered_at=0.0, ended_at=90.0, emotions=[(8.0, "panicked")])
    facts.trainee_lines = [(t, "...") for _, t, _ in acts]
    facts.acts = [TraineeAct(a, t, line) for a, t, line in acts]
    out: list = []
    return uncalmed_caller(LIBRARY.get(sid), facts, set(), out), out


def test_a_frightened_child_never_reassured_nor_told_what_to_do_is_charged_twice_an_adult():
    pts, out = _frightened([("ask_address", 5.0, 0), ("ask_callback", 20.0, 1), ("dispatch_notice", 60.0, 2)])
    assert pts == 2 * UNCALMED_POINTS and len(out) == 1
    assert out[0].t == 8.0 and out[0].overall_points == 2 * UNCALMED_OVERALL
    assert "child" in out[0].message and "panicked" in out[0].message


def test_a_frightened_child_who_is_reassured_or_given_a_task_is_not_left_alone():
    assert _frightened([("ask_address", 5.0, 0), ("reassure", 20.0, 1)])[0] == 0.0
    assert _frightened([("ask_address", 5.0, 0), ("instruct_airway", 30.0, 1)])[0] == 0.0


def test_a_frightened_adult_left_with_nothing_is_the_same_finding_at_an_adults_cost():
    pts, out = _frightened([("ask_address", 5.0, 0), ("ask_injuries", 20.0, 1)], sid="stabbing")
    assert pts == UNCALMED_POINTS and out[0].overall_points == UNCALMED_OVERALL
    assert _frightened([("instruct_bleeding", 20.0, 0)], sid="stabbing")[0] == 0.0


def test_a_child_caller_questioned_like_an_adult_and_never_reassured_grades_d_or_f():
    result = call(
        "child-caller",
        [
            (5, "911, what is the address of your emergency and what is going on there?"),
            (12, "14 Cedar Court, is that right?"),
            (20, "What's the phone number you are calling from?"),
            (40, "Is your mother conscious and breathing normally?"),
            (50, "How old is she?"),
            (58, "Does she have any medical history, medications or allergies?"),
            (70, "An ambulance is coming."),
            (80, "Okay."),
        ],
    ).result
    left = findings(result, kind="uncalmed")
    assert len(left) == 1 and "child" in left[0].message
    # one fault, one deduction: the scenario's reassurance and calm control are that finding
    assert all(f.points == 0 for f in findings(result, kind="missing") if f.rule in ("reassure", "calm_control"))
    assert result.score < 62 and result.grade in ("D", "F")


ARREST = [
    (5, "911, what is the address of your emergency?"),
    (10, "1425 Oak Street, is that correct?"),
    (15, "What's the number you're calling from?"),
    (20, "555-0134, is that right?"),
    (25, "Tell me exactly what happened."),
    (35, "How old is he?"),
    (45, "I'm sending an ambulance to you now."),
    (55, "Is he awake? Is he breathing normally?"),
    (70, "Tell me what he looks like right now."),
    (85, "Look at his chest and tell me what you see."),
    (95, "He's not breathing normally, his heart has stopped. We're going to do CPR."),
    (100, "Get him flat on his back on the floor."),
    (106, "Put the heel of your hand in the center of his chest, your other hand on top."),
    (112, "Push down hard and fast, two inches, let the chest come back up."),
    (118, "Count out loud with me, one two three four, push at least a hundred times a minute."),
    (135, "Keep going, don't stop until they take over. Stay on the line with me."),
]


def test_late_cpr_coaching_is_call_control_from_its_moment_and_its_lateness_is_charged_once():
    result = call("cardiac-arrest", ARREST).result
    assert not findings(result, rule="calm_control")
    assert findings(result, kind="tcpr_late")  # the late coaching is graded by the T-CPR measures
    assert result.categories["customer_service"]["score"] == 100.0


def _abuser(extra):
    rows = [
        (5, "911, what's the address of your emergency?"),
        (10, "123 Oak Street, apartment 4B, is that right?"),
        (16, "What number are you calling from?"),
        (22, "555-0148, is that correct?"),
        (28, "What's happening there?"),
        (34, "Police are on the way to you now."),
        (35, {"address": "123 Oak Street, Apartment 4B", "incident_type": "domestic violence", "priority": 1}),
        (50, "Where is he right now?"),
        *extra,
    ]
    return call("domestic-violence", rows).result


def test_a_caller_lost_after_help_was_sent_is_one_deduction_for_the_rest_of_the_call():
    result = _abuser(
        [
            (70, "Well what did you do to make him so angry this time?"),
            (76, "You keep going back to him, so what do you expect?"),
        ]
    )
    (lost,) = findings(result, kind="hang_up")
    assert lost.overall_points == HANG_UP_OVERALL and "Still to come" in lost.message
    assert "instruct stay on line" in lost.message
    missing = {f.rule for f in findings(result, kind="missing")}
    assert "instruct_stay_on_line" not in missing and "ask_drugs" not in missing
    assert {"ask_caller_safety", "ask_weapons"} <= missing  # overdue when she hung up: still charged
    assert "instruct_safety" in missing  # she is left behind a door with no advice: still missing
    assert len(findings(result, kind="tone")) == 2
    assert result.grade == "F"  # two blaming lines, a lost caller, no safety advice


def test_a_caller_lost_before_help_was_sent_is_still_owed_everything_missing():
    rows = [
        (5, "911, what's the address of your emergency?"),
        (10, "What's happening there?"),
        (16, "Well what did you do to make him so angry this time?"),
        (22, "You keep going back to him, so what do you expect?"),
    ]
    result = call("domestic-violence", rows).result
    (lost,) = findings(result, kind="hang_up")
    assert lost.overall_points == 0 and "Still to come" not in lost.message
    assert {"instruct_stay_on_line", "dispatch_notice"} <= {f.rule for f in findings(result, kind="missing")}
    assert result.score < 20


def test_a_caller_lost_to_a_threat_after_help_was_sent_falls_to_d_for_the_advice_never_given():
    rows = [
        (5, "911, what's the address of your emergency?"),
        (11, "418 Chestnut Street, is that right?"),
        (16, "What number are you calling from?"),
        (21, "555-0119, is that right?"),
        (23, {"address": "418 Chestnut Street", "incident_type": "assault with a weapon", "priority": 2}),
        (27, "Sir, I need you to listen to me so I can help you. What happened?"),
        (33, "Does he still have the weapon?"),
        (39, "Where is he right now?"),
        (45, "Deputies are on the way to you now."),
        (52, "If you keep yelling at me I am going to hang up."),
    ]
    result = call("hostile-caller", rows).result
    (lost,) = findings(result, kind="hang_up")
    assert "ask injuries" in lost.message and lost.overall_points == HANG_UP_OVERALL
    assert "instruct_safety" in {f.rule for f in findings(result, kind="missing")}
    assert result.grade == "D"


def _upset_then(*acts):
    facts = CallFacts(answered_at=0.0, ended_at=90.0, emotions=[(10.0, "hysterical")])
    facts.trainee_lines = [(t, "...") for _, t in acts]
    facts.acts = [TraineeAct(a, t, i) for i, (a, t) in enumerate(acts)]
    return facts


def test_cpr_pressed_on_a_call_that_does_not_need_it_is_no_call_control():
    facts = _upset_then(("ask_address", 5.0), ("instruct_cpr", 20.0), ("instruct_cpr_hands", 20.0))
    assert uncalmed_caller(LIBRARY.get("heart-attack"), facts, set(), []) == UNCALMED_POINTS
    assert uncalmed_caller(LIBRARY.get("cardiac-arrest"), facts, set(), []) == 0.0


def test_announcing_cpr_is_not_yet_coaching_it():
    announced = _upset_then(("ask_address", 5.0), ("instruct_cpr", 20.0))
    assert uncalmed_caller(LIBRARY.get("cardiac-arrest"), announced, set(), []) == UNCALMED_POINTS
