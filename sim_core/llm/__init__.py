"""The LLM side of the simulator: an OpenAI-compatible client, the LLM caller
actor (grounded in the director's decision and checked against the scenario's
truth, with scripted fallback), the debrief narrative and scenario drafting.

Nothing here is needed for a call: without an LLM configured the scripted
actor speaks and the debrief uses its template.
"""

from .actor import LLMActor, build_actor
from .breaker import CircuitBreaker
from .client import ChatClient
from .debrief import debrief_narrative, template_debrief, write_debrief
from .draft import DraftError, draft_scenario
from .grounding import check_reply
from .prompt import build_messages
from .wire import LLMError

__all__ = [
    "ChatClient",
    "CircuitBreaker",
    "DraftError",
    "LLMActor",
    "LLMError",
    "build_actor",
    "build_messages",
    "check_reply",
    "debrief_narrative",
    "draft_scenario",
    "template_debrief",
    "write_debrief",
]
