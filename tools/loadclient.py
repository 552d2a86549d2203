"""A minimal Streamlit websocket client for load tests on loopback.

It speaks the browser's protocol (protobuf BackMsg / ForwardMsg over
/_stcore/stream): reruns with widget states, button triggers, and the
fragment auto-reruns a browser would send. Enough to sign in, start and
answer a call, and time typed turns end to end through a real server.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect as ws_connect

DONE = ForwardMsg.ScriptFinishedStatus


class Client:
    def __init__(self, base_url: str) -> None:
        self.ws_url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws: Any = None
        self.widgets: dict[str, tuple[str, str]] = {}  # key suffix → (id, element type)
        self.texts: list[str] = []  # markdown/title text of the last run
        self.query = ""
        self.page_hash = ""  # the page the last run showed
        self.fragments: dict[str, float] = {}  # fragment id → interval s
        self._states: dict[str, Any] = {}
        self._lock = asyncio.Lock()
        self._auto: asyncio.Task | None = None

    async def connect(self) -> None:
        self.ws = await ws_connect(self.ws_url, subprotocols=["streamlit"], max_size=None, compression=None)
        await self.rerun()

    async def close(self) -> None:
        if self._auto:
            self._auto.cancel()
        if self.ws is not None:
            await self.ws.close()

    # ---------------------------------------------------------------- protocol
    def _msg(self, triggers: dict[str, Any] | None = None, fragment_id: str = "") -> bytes:
        m = BackMsg()
        cs = m.rerun_script
        cs.query_string = self.query
        cs.page_script_hash = self.page_hash  # the page the browser is on, as a browser sends
        if fragment_id:
            cs.fragment_id = fragment_id
            cs.is_auto_rerun = True
        for wid, value in {**self._states, **(triggers or {})}.items():
            w = cs.widget_states.widgets.add()
            w.id = wid
            if value is True and wid in (triggers or {}):
                w.trigger_value = True
            elif isinstance(value, bool):
                w.bool_value = value
            elif isinstance(value, int):
                w.int_value = value
            else:
                w.string_value = str(value)
        return m.SerializeToString()

    async def _run(self, payload: bytes, fragment: bool = False) -> float:
        """Send a rerun and read until its script finishes; returns seconds taken."""
        async with self._lock:
            t0 = time.perf_counter()
            await self.ws.send(payload)
            if not fragment:
                self.texts = []
                self.fragments = {}  # the page registers its fragments again (auto_rerun)
            while True:
                raw = await asyncio.wait_for(self.ws.recv(), 5 if fragment else 30)
                fm = ForwardMsg()
                fm.ParseFromString(raw)
                kind = fm.WhichOneof("type")
                if kind == "delta":
                    self._element(fm.delta)
                elif kind == "navigation":
                    self.page_hash = fm.navigation.page_script_hash
                elif kind == "page_info_changed":
                    self.query = fm.page_info_changed.query_string
                elif kind == "auto_rerun":
                    self.fragments[fm.auto_rerun.fragment_id] = fm.auto_rerun.interval
                elif kind == "script_finished":
                    if fm.script_finished in (DONE.FINISHED_EARLY_FOR_RERUN,):
                        continue
                    return time.perf_counter() - t0

    def _element(self, delta: Any) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        el = delta.new_element
        kind = el.WhichOneof("type")
        if kind in ("markdown", "heading"):
            self.texts.append(getattr(el, kind).body)
        inner = getattr(el, kind, None) if kind else None
        wid = getattr(inner, "id", "") if inner is not None else ""
        if wid and "-" in wid:
            key = wid.split("-", 2)[-1]
            self.widgets[key] = (wid, kind)

    # ---------------------------------------------------------------- actions
    async def rerun(self) -> float:
        return await self._run(self._msg())

    def wid(self, key: str) -> str:
        for k, (wid, _) in self.widgets.items():
            if k == key or k.endswith(key):
                return wid
        raise KeyError(f"no widget {key!r}; have {sorted(self.widgets)}")

    async def set(self, key: str, value: Any) -> None:
        self._states[self.wid(key)] = value

    async def click(self, key: str) -> float:
        wid = self.wid(key)
        took = await self._run(self._msg({wid: True}))
        return took

    async def settle(self) -> None:
        """Let a script that called st.rerun() finish its second run."""
        await asyncio.sleep(0.05)

    def start_fragments(self) -> None:
        async def loop() -> None:
            while True:
                await asyncio.sleep(1.0)
                for fid in list(self.fragments):
                    try:
                        await self._run(self._msg(fragment_id=fid), fragment=True)
                    except Exception:
                        self.fragments.pop(fid, None)

        self._auto = asyncio.ensure_future(loop())

    def shown(self, text: str) -> bool:
        return any(text in t for t in self.texts)
