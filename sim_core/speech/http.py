"""One place that turns HTTP failures of speech servers into clear SpeechBackendErrors."""

from __future__ import annotations

from typing import Any

from sim_core.speech.errors import SpeechBackendError, require

DEFAULT_TIMEOUT_S = 10.0


def make_client(base_url: str, timeout_s: float, api_key: str = ""):
    httpx = require("httpx", "pip install httpx==0.28.1")
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    return httpx.Client(
        base_url=base_url, timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)), headers=headers
    )


def send(client, method: str, path: str, what: str, **kwargs: Any):
    """Send a request; any failure becomes a SpeechBackendError naming `what` and the URL."""
    import httpx

    url = f"{client.base_url}".rstrip("/") + path
    try:
        response = client.request(method, path, **kwargs)
    except httpx.TimeoutException:
        raise SpeechBackendError(
            f"{what} at {url} did not answer within {client.timeout.read:g} s; "
            "check that the server is running and not overloaded"
        ) from None
    except httpx.TransportError as exc:
        raise SpeechBackendError(f"could not reach {what} at {url}: {exc}; is the server running?") from None
    if response.status_code >= 400:
        body = response.text.strip().replace("\n", " ")[:200]
        raise SpeechBackendError(f"{what} at {url} answered HTTP {response.status_code}: {body}")
    return response
