"""Served by `streamlit run serve.py`, the sign-in cookie is HttpOnly: the page's scripts
only ever hold a one-time ticket for a moment, the server swaps it for the cookie, and a
reload signs the user back in from that cookie (real server, websocket client, loopback)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from websockets.asyncio.client import connect as ws_connect

from tests import fresh_loop
from tools.loadclient import Client

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


class Browser(Client):
    """The load client with a cookie jar of one cookie, keeping the page's html elements."""

    def __init__(self, base_url: str, cookie: str = "") -> None:
        super().__init__(base_url)
        self.cookie = cookie
        self.html: list[str] = []

    async def connect(self) -> None:
        headers = {"Cookie": f"sim_sign_in={self.cookie}"} if self.cookie else {}
        self.ws = await ws_connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, compression=None, additional_headers=headers
        )
        await self.rerun()

    def _element(self, delta) -> None:
        super()._element(delta)
        if delta.WhichOneof("type") == "new_element" and delta.new_element.WhichOneof("type") == "html":
            self.html.append(delta.new_element.html.body)


@pytest.fixture
def served(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DATA_DIR=str(tmp_path / "data"),
        CALLER_ACTOR="scripted",
        ADMIN_USERNAME="root",
        ADMIN_PASSWORD="root-password-1",
    )
    subprocess.run(
        [sys.executable, "-m", "cli", "prestart"], cwd=ROOT, env=env, check=True, capture_output=True, timeout=300
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{url}/_stcore/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(20)


async def _sign_in(url: str) -> list[str]:
    """Sign in on a fresh page; the html elements (scripts) the page was sent."""
    page = Browser(url)
    await page.connect()
    await page.set("signin_username", "root")
    await page.set("signin_password", "root-password-1")
    await page.click("FormSubmitter:sign_in-Sign in")
    await page.rerun()
    await page.close()
    return page.html


def test_the_sign_in_cookie_never_reaches_a_page_script(served):
    scripts = " ".join(fresh_loop.run(_sign_in(served)))
    assert "document.cookie" not in scripts
    ticket = re.search(r"ticket\\\\?\":\s*\\\\?\"([A-Za-z0-9_-]{20,})", scripts).group(1)

    swapped = httpx.post(f"{served}/_sim/sign-in", json={"ticket": ticket}, headers={"Origin": served})
    assert swapped.status_code == 204
    set_cookie = swapped.headers["set-cookie"]
    assert "HttpOnly" in set_cookie and "SameSite=strict" in set_cookie
    cookie = swapped.cookies["sim_sign_in"]
    assert cookie and cookie != ticket
    assert (
        httpx.post(f"{served}/_sim/sign-in", json={"ticket": ticket}, headers={"Origin": served}).status_code == 403
    )  # one use only
    assert (
        httpx.post(
            f"{served}/_sim/sign-in", json={"ticket": ticket}, headers={"Origin": "http://evil.example"}
        ).status_code
        == 403
    )

    async def reload(with_cookie: str) -> list[str]:
        again = Browser(served, with_cookie)
        await again.connect()
        await again.close()
        return again.texts

    assert "Take a call" in " ".join(fresh_loop.run(reload(cookie)))  # the reload signs in
    assert "Take a call" not in " ".join(fresh_loop.run(reload(ticket)))  # the ticket does not
