"""The caller's emotional state: a level in 0..1 and the label the actor and
the voice use. The trainee moves it: calm control, reassurance and clear
instructions lower panic (a clear, calmly given instruction also ends "hysterical
until calmed", and gives a hysterical caller a task to hold on to); rudeness, repeated questions, questions the caller
cannot follow and silence raise it. While the danger lasts (intruders inside,
a husband in arrest) fear never drops below THREAT_FLOOR."""

from __future__ import annotations

from ..scenario.schema import Emotion

BASELINE_LEVEL = {
    Emotion.CALM: 0.1,
    Emotion.ANXIOUS: 0.4,
    Emotion.PANICKED: 0.65,
    Emotion.HYSTERICAL: 0.85,
    Emotion.WHISPERING: 0.5,
    Emotion.ANGRY: 0.6,
}

# How much one trainee act moves the level (negative calms the caller).
ACT_EFFECT = {
    "calm_control": -0.12,
    "reassure": -0.10,
    "dispatch_notice": -0.10,
    "instruct_cpr": -0.06,
    "instruct_cpr_position": -0.03,
    "instruct_cpr_hands": -0.03,
    "instruct_cpr_push": -0.03,
    "instruct_cpr_rate": -0.02,
    "instruct_cpr_continue": -0.02,
    "instruct_bleeding": -0.06,
    "instruct_airway": -0.04,
    "instruct_aed": -0.02,
    "instruct_aspirin": -0.03,
    "instruct_safety": -0.05,
    "instruct_prepare_arrival": -0.03,
    "instruct_report_changes": -0.02,
    "instruct_stay_on_line": -0.04,
    "rude": +0.20,
    "victim_blaming": +0.25,
    "threaten_hangup": +0.20,
    "unsafe_instruction": +0.15,
}
REPEATED_QUESTION = +0.08
PRESSURED = +0.05  # a demanding, shouted or repeated-in-one-breath question
NOT_UNDERSTOOD = +0.04  # a question the caller could not make sense of
LONG_SILENCE = +0.10  # per silence longer than SILENCE_S
SILENCE_S = 15.0
HYSTERICAL_FLOOR = 0.8  # "hysterical until calmed" keeps the level here
HYSTERICAL_FROM = 0.78  # the level from which the caller is hysterical (label_for)
TASK_RELIEF = -0.10  # a clear instruction gives a hysterical caller something to hold on to
THREAT_FLOOR = 0.42  # never calm while the danger lasts
VISIBLE_MOVE = 0.15  # a move this large is shown in the timeline even without a new label
ANGRY_FROM = 0.45  # a hostile caller sounds angry only while this upset


def clamp(level: float) -> float:
    return max(0.0, min(1.0, level))


def label_for(level: float, *, whisper: bool = False, hostile: bool = False) -> str:
    if whisper and level < 0.9:
        return Emotion.WHISPERING.value
    if hostile and level >= ANGRY_FROM:
        return Emotion.ANGRY.value
    if level < 0.25:
        return Emotion.CALM.value
    if level < 0.5:
        return Emotion.ANXIOUS.value
    if level < 0.78:
        return Emotion.PANICKED.value
    return Emotion.HYSTERICAL.value
