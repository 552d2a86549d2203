"""LLMActor: the caller's words from an LLM, checked against the truth.

One turn: build the prompt from the director's decision, stream the reply,
cut it into sentences as they complete, check each sentence with the
grounding check, and hand it on. Nothing unchecked is ever spoken and nothing
spoken is ever taken back:
- `stream()` (voice) hands each checked sentence to the caller's voice at
  once; `perform()` (text) keeps them until the whole reply has passed.
- A sentence that fails before anything was spoken: the reply is regenerated
  once with the reason; if that fails too, the scripted actor speaks.
  A sentence that fails after the caller started speaking is replaced by the
  scripted reply's sentences that say what the spoken ones did not (never
  both the failed sentence and its scripted line), and the reply ends there.
- Any LLM fault (refused connection, time-out, 401, 429, 500, broken stream,
  empty reply, open circuit) hands the turn to the scripted actor, and the
  whole turn never takes longer than LLM_TIMEOUT_S plus a few milliseconds.
The reply records which actor spoke and why, and the tokens and cost spent.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..caller.actor import Actor, ActorContext, ActorReply, ScriptedActor
from ..caller.decision import Decision
from ..caller.sentences import echoes, normal, sentence_keys
from ..sentence_split import SentenceStream, split_sentences
from .client import ChatClient
from .grounding import check_reply, default_entity_finder
from .prompt import build_messages
from .wire import LLMError, normalize_usage

NO_LLM_KINDS = {"silent", "hang_up"}
MAX_SENTENCES = 3  # the most a reply says; a model that rambles on is cut there
_STAGE = re.compile(r"\s*(?:[(\[][^)\]]{0,60}[)\]]|\*[^*]{1,60}\*)\s*")
# "Linda: ..." is the caller's name and is dropped; a role label ("Assistant:", "Caller:")
# is left for the grounding check to reject
_PREFIX = re.compile(
    r"^\s*(?!(?i:assistant|user|system|caller|dispatcher|operator|narrator)\b)"
    r"[A-Z][a-z]+\s*:\s*"
)


def clean_sentence(sentence: str, first: bool) -> str:
    """Drop stage directions "(sobbing)", a "Linda:" prefix and wrapping quotes."""
    s = _STAGE.sub(" ", sentence).strip()
    if first:
        s = _PREFIX.sub("", s)
    return s.strip().strip('"“”').strip()


@dataclass
class TurnTiming:
    started: float = 0.0
    first_sentence_at: float | None = None  # first sentence complete in the stream
    first_spoken_at: float | None = None  # ...checked and handed to the voice
    ended: float = 0.0
    attempts: int = 0


@dataclass
class ReplyStream:
    """Sentences of one caller turn as they may be spoken; `.reply` when exhausted."""

    _gen: Iterator[str]
    reply: ActorReply | None = None
    timing: TurnTiming = field(default_factory=TurnTiming)

    def __iter__(self) -> ReplyStream:
        return self

    def __next__(self) -> str:
        return next(self._gen)


class LLMActor:
    name = "llm"

    def __init__(
        self,
        client: ChatClient,
        *,
        timeout_s: float | None = None,
        fallback: Actor | None = None,
        use_nlp: bool = True,
        check: Callable[..., list[str]] = check_reply,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.timeout_s = timeout_s or client.timeout_s
        self.fallback = fallback or ScriptedActor()
        self.use_nlp = use_nlp
        self.check = check
        self.clock = clock

    # ------------------------------------------------------------ protocol
    def perform(self, decision: Decision, ctx: ActorContext) -> ActorReply:
        rs = self.stream_reply(decision, ctx, live=False)
        for _ in rs:
            pass
        assert rs.reply is not None
        return rs.reply

    def stream(self, decision: Decision, ctx: ActorContext) -> Iterator[str]:
        return self.stream_reply(decision, ctx, live=True)

    def stream_reply(self, decision: Decision, ctx: ActorContext, *, live: bool = True) -> ReplyStream:
        """live: hand each sentence on once checked (voice); else only once the whole
        reply passed (text)."""
        rs = ReplyStream(iter(()))
        rs._gen = self._turn(decision, ctx, live, rs)
        return rs

    # ---------------------------------------------------------------- turn
    def _scripted(
        self, decision: Decision, ctx: ActorContext, reason: str, tokens: int = 0, cost: float | None = None
    ) -> ActorReply:
        reply = self.fallback.perform(decision, ctx)
        return ActorReply(reply.text, reply.actor, reason, tokens, cost)

    def _turn(self, decision: Decision, ctx: ActorContext, live: bool, rs: ReplyStream) -> Iterator[str]:
        t = rs.timing
        t.started = self.clock()
        deadline = t.started + self.timeout_s
        if not decision.parts or {p.kind for p in decision.parts} <= NO_LLM_KINDS:
            rs.reply = self._scripted(decision, ctx, "scripted turn (silence or hang-up)")
            yield from _sentences(rs.reply.text)
            return
        spent: list[dict[str, Any]] = []
        feedback = ""
        found: dict[str, tuple[Any, ...]] = {}  # the entities of each sentence checked
        out: list[str] = []  # what is left to hand on after the loop
        for attempt in (0, 1):
            t.attempts = attempt + 1
            messages = build_messages(decision, ctx, feedback=feedback)
            stream = self.client.stream_chat(messages, deadline=deadline, first_token_s=self.timeout_s)
            accepted: list[str] = []
            seen: set[str] = set()  # this reply's sentences: none is said twice
            spoken = 0
            problem = bad = ""
            try:
                for sentence in _stream_sentences(stream):
                    if len(accepted) >= MAX_SENTENCES:
                        break  # a caller says a few sentences, then listens
                    ok, problem, bad = self._vet(sentence, bool(accepted), decision, ctx, t, found, seen)
                    if problem:
                        stream.close()
                        break
                    if ok:
                        accepted.append(ok)
                        if live:
                            t.first_spoken_at = t.first_spoken_at or self.clock()
                            spoken += 1
                            yield ok
            except LLMError as exc:
                spent.append(stream.usage)
                tokens, cost = _sum_usage(spent)
                if spoken:
                    out = self._scripted_rest(decision, ctx, accepted)
                    rs.reply = ActorReply(
                        " ".join(accepted + out), self.name, f"llm reply cut short: {exc}", tokens, cost
                    )
                    break
                rs.reply = self._scripted(decision, ctx, _fault_reason(exc, attempt, feedback), tokens, cost)
                out = _sentences(rs.reply.text)
                break
            finally:
                stream.close()
            spent.append(stream.usage or normalize_usage(None, sum(len(m["content"]) for m in messages), stream.text))
            tokens, cost = _sum_usage(spent)
            if not problem and accepted:
                reason = f"regenerated after grounding: {feedback}" if attempt else ""
                rs.reply = ActorReply(" ".join(accepted), self.name, reason, tokens, cost)
                out = accepted[spoken:]
                break
            problem = problem or "empty reply after cleaning"
            if spoken:
                out = self._scripted_rest(decision, ctx, accepted)
                rs.reply = ActorReply(
                    " ".join(accepted + out),
                    self.name,
                    f"grounding: replaced {bad!r} ({problem}) by the scripted line",
                    tokens,
                    cost,
                )
                break
            remaining = deadline - self.clock()
            if attempt == 0 and remaining >= min(1.0, 0.25 * self.timeout_s):
                feedback = problem
                continue
            why = f"grounding: {problem}" + (f" (first try: {feedback})" if attempt else "")
            rs.reply = self._scripted(decision, ctx, why, tokens, cost)
            out = _sentences(rs.reply.text)
            break
        if rs.reply is not None and rs.reply.actor == self.name:
            # a reply finished by scripted sentences is analysed whole by the call
            whole = rs.reply.text == " ".join(accepted)
            rs.reply.entities = _line_entities(accepted, found) if whole else None
        t.ended = self.clock()
        if out and t.first_spoken_at is None:
            t.first_spoken_at = self.clock()
        yield from out

    def _scripted_rest(self, decision: Decision, ctx: ActorContext, spoken: list[str]) -> list[str]:
        """The scripted reply's sentences that the spoken LLM sentences have not already said
        (in their words or nearly), to stand in for a sentence that could not be spoken."""
        said = " ".join(spoken)
        keys = set(ctx.said) | set(sentence_keys(said))
        text = self.fallback.perform(decision, ctx).text
        return [s for s in split_sentences(text) if normal(s) not in keys and not echoes(s, said)]

    def _vet(
        self,
        sentence: str,
        not_first: bool,
        decision: Decision,
        ctx: ActorContext,
        t: TurnTiming,
        found: dict[str, tuple[Any, ...]],
        seen: set[str],
    ) -> tuple[str, str, str]:
        """Check one sentence: (clean sentence to speak or "", problem, offending sentence).
        The sentence's entities are found once, here, and kept in `found` for the reply."""
        if t.first_sentence_at is None:
            t.first_sentence_at = self.clock()
        clean = clean_sentence(sentence, first=not not_first)
        keys = sentence_keys(clean)
        if not clean or any(k in ctx.said or k in seen for k in keys):
            return "", "", ""  # a sentence the caller already said is not said again
        seen.update(keys)
        find = (ctx.find_entities or default_entity_finder()) if self.use_nlp else None
        entities = tuple(find(clean)) if find is not None else None
        problems = self.check(clean, decision, ctx.scenario, entities=entities, use_nlp=self.use_nlp, now=ctx.now)
        if problems:
            return "", "; ".join(problems), clean
        if entities is not None:
            found[clean] = entities
        return clean, "", ""


def _stream_sentences(stream: Any) -> Iterator[str]:
    splitter = SentenceStream()
    for delta in stream:
        yield from splitter.feed(delta)
    yield from splitter.flush()


_sentences = split_sentences


def _line_entities(sentences: list[str], found: dict[str, tuple[Any, ...]]) -> tuple[Any, ...] | None:
    """The entities of " ".join(sentences), from each sentence's own (offsets moved to the
    joined line); None when a sentence was not analysed."""
    if not sentences or any(s not in found for s in sentences):
        return None
    out: list[Any] = []
    offset = 0
    for sentence in sentences:
        out += [dataclasses.replace(e, start=e.start + offset, end=e.end + offset) for e in found[sentence]]
        offset += len(sentence) + 1
    return tuple(out)


def _sum_usage(spent: list[dict[str, Any]]) -> tuple[int, float | None]:
    tokens = sum(int(u.get("total_tokens") or 0) for u in spent)
    costs = [u["cost"] for u in spent if u.get("cost") is not None]
    return tokens, (round(sum(costs), 8) if costs else None)


def _fault_reason(exc: LLMError, attempt: int, feedback: str) -> str:
    msg = str(exc)
    reason = "llm " + msg[4:] if msg.startswith("LLM ") else "llm: " + msg
    return f"{reason} (while regenerating after grounding: {feedback})" if attempt else reason


def build_actor(settings: Any, client: ChatClient | None = None) -> Actor:
    """CALLER_ACTOR: scripted → ScriptedActor; llm → LLMActor; auto → LLMActor when an
    LLM is configured (LLM_API_KEY set, or a non-OpenRouter LLM_BASE_URL), else scripted."""
    choice = settings.caller_actor
    if choice == "scripted" or (choice == "auto" and not settings.llm_configured):
        return ScriptedActor()
    return LLMActor(client or ChatClient.from_settings(settings), timeout_s=settings.llm_timeout_s)
