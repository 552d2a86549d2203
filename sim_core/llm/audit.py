"""The caller audit for the LLM caller: what the model's words cost and how often
they could be spoken.

`MeasuredLLMActor` wraps an `LLMActor` for `audit_call`: every turn is streamed as
in live voice and records which sentences the grounding check vetted and
rejected (and why), whether the scripted caller stood in, how long the first
spoken sentence took from the turn's start, and, for each fact the director
had the caller give, whether the model's reply states it (its numbers, and at
least one content word of the scripted answer: an approximation, printed as
such). `llm_totals` sums that over calls.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..caller.actor import ActorContext, ActorReply
from ..caller.decision import Decision
from ..caller.sentences import content_words
from ..percentile import percentile
from ..sentence_split import split_sentences
from .actor import LLMActor
from .truth_index import numbers_in

FACT_KINDS = ("answer", "correction", "wrong_info")
_REASON = re.compile(r"^[^(']+")


@dataclass
class LLMTurn:
    trainee: str
    text: str
    actor: str
    reason: str
    first_sentence_s: float | None
    vetted: list[tuple[str, list[str]]] = field(default_factory=list)
    facts: int = 0
    facts_stated: int = 0


def states_fact(reply: str, truth: str | None, line: str) -> bool:
    """Does the reply say the fact: every number of it, and something of its words?"""
    want = [n.lstrip("0") or "0" for n in numbers_in(truth or line)]
    have = {n.lstrip("0") or "0" for n in numbers_in(reply)}
    if any(n not in have for n in want):
        return False
    words = content_words(line) | content_words(truth or "")
    return not words or bool(words & content_words(reply))


class MeasuredLLMActor:
    name = "llm"

    def __init__(self, actor: LLMActor) -> None:
        self.actor = actor
        self.turns: list[LLMTurn] = []
        self._vetted: list[tuple[str, list[str]]] = []
        check = actor.check

        def recording(sentence: str, *args: Any, **kwargs: Any) -> list[str]:
            problems = check(sentence, *args, **kwargs)
            self._vetted.append((sentence, list(problems)))
            return problems

        actor.check = recording

    def perform(self, decision: Decision, ctx: ActorContext) -> ActorReply:
        self._vetted = []
        rs = self.actor.stream_reply(decision, ctx, live=True)
        for _ in rs:
            pass
        reply = rs.reply
        assert reply is not None
        t = rs.timing
        first = None if t.first_spoken_at is None or t.attempts == 0 else t.first_spoken_at - t.started
        turn = LLMTurn(ctx.trainee_text, reply.text, reply.actor, reply.reason, first, self._vetted)
        if t.attempts and reply.actor == "llm":
            for p in decision.parts:
                if p.kind in FACT_KINDS and p.line:
                    turn.facts += 1
                    turn.facts_stated += states_fact(reply.text, p.truth, p.line)
        if t.attempts:  # silence and hang-ups never ask the model
            self.turns.append(turn)
        return reply

    def stream(self, decision: Decision, ctx: ActorContext) -> Iterator[str]:
        yield from split_sentences(self.perform(decision, ctx).text)


def llm_totals(turns: list[LLMTurn]) -> dict[str, Any]:
    vetted = [v for t in turns for v in t.vetted]
    rejected = [problems for _, problems in vetted if problems]
    reasons: Counter[str] = Counter(
        m.group(0).strip() if (m := _REASON.match(p)) else p for problems in rejected for p in problems
    )
    first = [t.first_sentence_s for t in turns if t.first_sentence_s is not None]
    llm_spoke = [t for t in turns if t.actor == "llm"]
    facts = sum(t.facts for t in llm_spoke)
    return {
        "llm_turns": len(turns),
        "spoken_by_llm_share": round(len(llm_spoke) / len(turns), 3) if turns else None,
        "scripted_fallback_share": round(1 - len(llm_spoke) / len(turns), 3) if turns else None,
        "sentences_vetted": len(vetted),
        "grounding_rejection_share": round(len(rejected) / len(vetted), 3) if vetted else None,
        "rejections_by_reason": dict(reasons.most_common()),
        "llm_facts_stated_share": round(sum(t.facts_stated for t in llm_spoke) / facts, 3) if facts else None,
        "first_sentence_p50_s": round(percentile(first, 50), 2) if first else None,
        "first_sentence_p95_s": round(percentile(first, 95), 2) if first else None,
    }
