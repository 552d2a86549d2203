"""`python -m sim_core`: the simulator from the terminal (no database needed).

The database, accounts and the health check are commands of the whole
application, `python -m cli`, which adds them to these.

Every command prints a clear one-line message on bad input and exits 1;
a traceback is never the answer to a user's mistake. The NLP (spaCy), the LLM
client (openai SDK) and the speech engines take seconds to import, so they are
imported inside the commands that use them: `scenarios list` or `validate` answer
at once.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .call_status import CallInputError, CallStatus
from .scenario import ScenarioError, ScenarioLibrary, load_scenario_file, parse_scenario_yaml
from .settings import SettingsError, get_settings


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _library():
    lib = ScenarioLibrary(get_settings().scenarios_dir)
    for err in lib.errors:
        print(f"warning: skipped {err}", file=sys.stderr)
    return lib


# ------------------------------------------------------------------ scenarios
def cmd_scenarios_list(args: argparse.Namespace) -> int:
    lib = _library()
    for sc in sorted(lib, key=lambda s: s.id):
        print(f"{sc.id:28} {sc.call_type:22} {sc.difficulty:7} {sc.title}")
    return 0


def cmd_scenarios_validate(args: argparse.Namespace) -> int:
    bad = 0
    for path in args.paths:
        try:
            sc = load_scenario_file(path)
        except ScenarioError as exc:
            bad += 1
            print(f"INVALID {exc.source}")
            for problem in exc.problems:
                print(f"  - {problem}")
        else:
            print(f"ok      {path} ({sc.id})")
    return 1 if bad else 0


# ----------------------------------------------------------------------- play
def _print_turn(turn: Any) -> None:
    if turn.caller_text:
        print(f"CALLER [{turn.emotion}]: {turn.caller_text}")
    if turn.hung_up:
        print("-- the caller hung up --")


def _play_line(call: Any, line: str, at: float | None) -> bool:
    """Handle one line of play input; False when the call is over."""

    if line.startswith("/cad"):
        fields = dict(part.split("=", 1) for part in line[4:].split(";") if "=" in part)
        call.cad_update({k.strip(): v.strip() for k, v in fields.items()}, at=at)
        print("(CAD updated)")
    elif line.startswith("/"):
        result = call.control(line[1:].strip(), at=at)
        if result is not None:
            return False
    else:
        try:
            _print_turn(call.trainee_says(line, at=at))
        except CallInputError as exc:
            print(f"({exc})")
    return call.status != CallStatus.ENDED


def cmd_play(args: argparse.Namespace) -> int:
    from .session import CallSession  # lazy: loads the NLP

    lib = _library()
    try:
        scenario = lib.get(args.scenario_id)
    except KeyError as exc:
        return fail(str(exc.args[0]))
    if args.script and args.script.endswith(".jsonl"):
        return _play_transcript(scenario, args.script, args.seed)
    if args.script:
        try:
            lines = Path(args.script).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            return fail(f"cannot read {args.script}: {exc}")
        call = CallSession.start(scenario, seed=args.seed, clock=lambda: 0.0)
        t = 0.0
        for line in (x.strip() for x in lines):
            if not line:
                continue
            t += args.gap
            print(f"YOU: {line}")
            if not _play_line(call, line, t):
                break
    else:
        call = CallSession.start(scenario, seed=args.seed)
        print(f"*ring ring* {scenario.title}. Type what you say; /cad address=...;priority=1, /hold, /resume, /end.")
        try:
            _print_turn(call.answer())
            for raw in sys.stdin:
                if raw.strip() and not _play_line(call, raw.strip(), None):
                    break
        except (KeyboardInterrupt, CallInputError):
            pass
    _print_result(call.end())
    return 0


def _play_transcript(scenario: Any, path: str, seed: int) -> int:
    """A whole-call transcript (the ``eval`` format: timed lines, CAD entries, controls),
    played against the caller and printed as the conversation it made."""
    from .transcript import TranscriptError, eval_report, load_transcript, run_transcript  # lazy: NLP

    try:
        steps = load_transcript(path)
    except TranscriptError as exc:
        return fail(str(exc))
    call = run_transcript(scenario, steps, seed=seed)
    for line in eval_report(call)["transcript"]:
        who = "YOU" if line["speaker"] == "trainee" else "CALLER"
        print(f"{line['t']:6.1f}s {who}: {line['text']}")
    assert call.result is not None
    _print_result(call.result)
    return 0


def _print_result(result: Any) -> None:
    print(f"\nScore {result.score} ({result.grade})")
    for name, cat in result.categories.items():
        print(f"  {name:18} {cat['score']:5.1f}  {cat['level']}")
    for f in result.findings:
        when = f"{f.t:5.0f}s" if f.t is not None else "    --"
        print(f"  {when}  {f.message}")


# ----------------------------------------------------------- classify / eval
def cmd_classify(args: argparse.Namespace) -> int:
    from .nlp import analyze  # lazy: loads the NLP

    out = sys.stdout
    for raw in sys.stdin:
        text = raw.rstrip("\n")
        a = analyze(text)
        out.write(
            json.dumps(
                {
                    "text": text,
                    "acts": list(a.acts),
                    "entities": [
                        {"label": e.label, "text": e.text, "start": e.start, "end": e.end} for e in a.entities
                    ],
                }
            )
            + "\n"
        )
    return 0


def cmd_nlp_evaluate(args: argparse.Namespace) -> int:
    from .nlp import evaluate  # lazy: loads the NLP

    if args.split and not (evaluate.DATA_DIR / f"acts_{args.split}.jsonl").is_file():
        return fail(f"no labelled set {args.split!r} in {evaluate.DATA_DIR}")
    argv = [
        "evaluate",
        *([args.split] if args.split else []),
        *(["-v"] if args.verbose else []),
        *(["--summary"] if args.summary else []),
    ]
    evaluate._main(argv)
    return 0


def cmd_nlp_retrain(args: argparse.Namespace) -> int:
    from .nlp import retrain  # lazy: loads the NLP

    if args.rollback:
        try:
            print(f"act model rolled back to {retrain.rollback().name}")
        except FileNotFoundError as exc:
            return fail(str(exc))
        return 0
    try:
        rows = retrain.load_corrections(Path(args.corrections)) if args.corrections else []
    except (OSError, retrain.CorrectionError) as exc:
        return fail(str(exc))
    for line in retrain.retrain(rows).lines():
        print(line)
    return 0


def _scenario_from_file(path: str) -> Any:
    """A scenario YAML file outside the library (any file name); ScenarioError on a bad one."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(path, [f"cannot read the file ({exc.__class__.__name__})"]) from None
    return parse_scenario_yaml(text, path)


def cmd_eval(args: argparse.Namespace) -> int:
    from .transcript import TranscriptError, eval_report, load_transcript, run_transcript  # lazy: NLP

    try:
        if args.scenario_file:
            scenario = _scenario_from_file(args.scenario_file)
        else:
            scenario = _library().get(args.scenario)
        steps = load_transcript(args.transcript)
    except KeyError as exc:
        return fail(str(exc.args[0]))
    except ScenarioError as exc:
        return fail(f"{exc.source} is not a usable scenario: " + "; ".join(exc.problems))
    except TranscriptError as exc:
        return fail(str(exc))
    call = run_transcript(scenario, steps, seed=args.seed)
    print(json.dumps(eval_report(call), indent=None if args.compact else 2))
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from .audit import audit_call, format_audit, scenario_of, totals, transcripts  # lazy: NLP
    from .transcript import TranscriptError

    lib = _library()
    scenarios = {sc.id: sc for sc in lib}
    files = transcripts(args.paths or ["tests/data/transcripts"])
    if not files:
        return fail(f"no transcripts (*.jsonl) in {', '.join(args.paths)}")
    audits, skipped = [], []
    measured = _llm_audit_actor(args)
    for path in files:
        scenario = scenarios.get(args.scenario) if args.scenario else scenario_of(path, scenarios)
        if scenario is None:
            skipped.append(f"{path}: no scenario matches its name (pass --scenario)")
            continue
        try:
            kwargs = {"actor": measured} if measured is not None else {}
            audits.append(audit_call(scenario, path, seed=args.seed, **kwargs))
        except TranscriptError as exc:
            skipped.append(str(exc))
    for problem in skipped:
        print(f"warning: skipped {problem}", file=sys.stderr)
    if not audits:
        return fail("no transcript could be replayed")
    summary = totals(audits)
    if measured is not None:
        from .llm.audit import llm_totals  # lazy: the LLM client (openai SDK)

        summary.update(llm_totals(measured.turns))
    if args.json:
        out: dict[str, Any] = {"calls": [a.to_dict() for a in audits], "totals": summary}
        if measured is not None:
            out["llm_turns"] = [asdict(t) for t in measured.turns]
        print(json.dumps(out, indent=2))
    else:
        for a in audits:
            print(format_audit(a))
        print()
        for key, value in summary.items():
            print(f"{key:24} {value}")
    return 0


def _llm_audit_actor(args: argparse.Namespace) -> Any:
    """--llm-url: the calls are played by the LLM caller at that endpoint, measured."""
    if not args.llm_url:
        return None
    # lazy: the LLM client (openai SDK, seconds to import), only with --llm-url
    from .llm.actor import LLMActor
    from .llm.audit import MeasuredLLMActor
    from .llm.breaker import CircuitBreaker
    from .llm.client import ChatClient

    client = ChatClient(
        args.llm_url,
        api_key=os.environ.get("LLM_API_KEY", ""),
        model=args.llm_model,
        timeout_s=args.llm_timeout,
        breaker=CircuitBreaker(threshold=1000),
    )
    return MeasuredLLMActor(LLMActor(client, timeout_s=args.llm_timeout))


# ----------------------------------------------------------------- transcribe
def cmd_transcribe(args: argparse.Namespace) -> int:
    """One line of recognised text per audio file, with the configured recogniser. A file
    that cannot be used prints an empty line (so lines match files) and its reason on stderr."""
    from .speech import AudioInputError, SpeechError, build_stt  # lazy: the speech engines
    from .speech.validate import validate_upload

    settings = get_settings()
    try:
        stt = build_stt(settings)
    except SpeechError as exc:
        return fail(str(exc))
    failed = 0
    for path in args.files:
        try:
            clip = validate_upload(
                Path(path).read_bytes(), settings.model_copy(update={"sample_rate": stt.sample_rate})
            )
            hyp = stt.transcribe(clip.pcm)
        except (OSError, AudioInputError, SpeechError) as exc:
            failed += 1
            print("", flush=True)
            print(f"error: {path}: {exc}", file=sys.stderr)
            continue
        text = hyp.marked() if args.mark else hyp.text
        print(f"{text}\t{hyp.confidence:.2f}" if args.confidence else text, flush=True)
    return 1 if failed else 0


def add_commands(sub: Any) -> dict[str, Any]:
    """Add the simulator's commands to `sub` (an argparse subparsers action); returns the
    command groups by name, so a front end above sim_core can add commands to them."""
    sc = sub.add_parser("scenarios", help="list or validate scenarios").add_subparsers(dest="action", required=True)
    sc.add_parser("list").set_defaults(func=cmd_scenarios_list)
    v = sc.add_parser("validate")
    v.add_argument("paths", nargs="+")
    v.set_defaults(func=cmd_scenarios_validate)
    play = sub.add_parser("play", help="an interactive text call in the terminal")
    play.add_argument("scenario_id")
    play.add_argument(
        "--script",
        help="file of trainee lines to replay, one a line, or a whole-call "
        "transcript (.jsonl, as for eval) with its timing, CAD entries and controls",
    )
    play.add_argument("--gap", type=float, default=6.0, help="seconds between scripted lines")
    play.add_argument("--seed", type=int, default=0)
    play.set_defaults(func=cmd_play)
    sub.add_parser("classify", help="utterances on stdin → JSON lines").set_defaults(func=cmd_classify)
    nlp = sub.add_parser("nlp", help="measure or retrain the NLP").add_subparsers(dest="action", required=True)
    ne = nlp.add_parser("evaluate", help="scores on a labelled split (or --summary: every split)")
    ne.add_argument(
        "split",
        nargs="?",
        choices=[
            "dev",
            "heldout",
            "fresh",
            "probe",
            "blind",
            "calls",
            "calls2",
            "calls3",
            "calls4",
            "calls5",
            "calls6",
        ],
    )
    ne.add_argument("-v", "--verbose", action="store_true", help="print every error")
    ne.add_argument("--summary", action="store_true")
    ne.set_defaults(func=cmd_nlp_evaluate)
    nr = nlp.add_parser("retrain", help="rebuild the act model with instructors' corrections")
    nr.add_argument("--corrections", help="JSONL file of {text, acts} corrections")
    nr.add_argument("--rollback", action="store_true", help="make the previous model current again")
    nr.set_defaults(func=cmd_nlp_retrain)
    ev = sub.add_parser("eval", help="score a transcript against a scenario")
    which = ev.add_mutually_exclusive_group(required=True)
    which.add_argument("--scenario", help="id of a scenario in the library")
    which.add_argument("--scenario-file", help="a scenario YAML file outside the library")
    ev.add_argument("--transcript", required=True)
    ev.add_argument("--seed", type=int, default=0)
    ev.add_argument("--compact", action="store_true")
    ev.set_defaults(func=cmd_eval)
    au = sub.add_parser(
        "audit", help="replay transcripts through the scripted caller: repeats, answers, fillers, emotion"
    )
    au.add_argument("paths", nargs="*", help="transcript files or folders (default tests/data/transcripts)")
    au.add_argument("--scenario", help="scenario id for every transcript (default: from the file name)")
    au.add_argument("--seed", type=int, default=0)
    au.add_argument("--json", action="store_true")
    au.add_argument(
        "--llm-url",
        help="play the caller with the LLM at this OpenAI-compatible URL "
        "and add its figures (grounding rejections, fallbacks, latency)",
    )
    au.add_argument("--llm-model", default="local")
    au.add_argument("--llm-timeout", type=float, default=8.0, help="seconds per caller turn")
    au.set_defaults(func=cmd_audit)
    tr = sub.add_parser("transcribe", help="one line of recognised text per audio file")
    tr.add_argument("files", nargs="+", help="WAV, WebM, Ogg, MP3, M4A, FLAC...")
    tr.add_argument("--confidence", action="store_true", help="add a tab and the confidence (0-1)")
    tr.add_argument("--mark", action="store_true", help="mark unsure words: [word?]")
    tr.set_defaults(func=cmd_transcribe)
    return {"scenarios": sc, "nlp": nlp}


def build_parser(prog: str = "python -m sim_core") -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=prog, description="9-1-1 call-taker simulator")
    add_commands(p.add_subparsers(dest="command", required=True))
    return p


def run(parser: argparse.ArgumentParser, argv: list[str] | None = None) -> int:
    """Parse `argv` and run its command; a settings error or a closed pipe is not a traceback."""
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        return handler(args)
    except SettingsError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        return 0


def main(argv: list[str] | None = None) -> int:
    return run(build_parser(), argv)
