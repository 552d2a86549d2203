"""End-to-end fixtures: `streamlit run app.py` on a free loopback port with a
fresh data folder, and headless Debian Chromium driven by Playwright (never a
browser download). With CI set, a missing browser fails instead of skipping."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from tests.missing import missing

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "correct-horse-1"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        missing("Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing("playwright is not installed (pip install -r requirements-dev.txt)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _make_users(env: dict[str, str]) -> None:
    code = (
        "from sim_core.settings import get_settings\n"
        "from db.cli_commands import seed\n"
        "from db.engine import get_engine, session_scope\n"
        "from db.users import create_user\n"
        "s = get_settings(); seed(s)\n"
        "with session_scope(get_engine(s)) as db:\n"
        f"    for n, r in [('tess','trainee'),('ines','instructor'),('sam','supervisor')]:\n"
        f"        create_user(db, username=n, display_name=n.capitalize(), role=r, password={PASSWORD!r})\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)


@pytest.fixture(scope="session")
def app_url():
    chromium_path()
    data = tempfile.mkdtemp(prefix="e2e-data-")
    env = dict(
        os.environ,
        DATA_DIR=data,
        ADMIN_USERNAME="root",
        ADMIN_PASSWORD="root-password-1",
        CALLER_ACTOR="scripted",
        PYTHONUNBUFFERED="1",
    )
    for k in ("DATABASE_URL", "REDIS_URL", "S3_ENDPOINT"):
        env.pop(k, None)
    _make_users(env)
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "streamlit-e2e.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                break
        except OSError:
            time.sleep(0.3)
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {ARTIFACTS / 'streamlit-e2e.log'}")
    else:
        proc.terminate()
        raise RuntimeError("streamlit did not become healthy in 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver for the whole session (a second sync driver cannot start)."""
    chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


FAKE_MIC = ["--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"]


def open_page(playwright_driver, app_url: str, args: list[str], permissions: list[str], init_script: str | None = None):
    """A browser of its own (for flags such as a fake microphone) on the app:
    (browser, page); close the browser when done."""
    browser = playwright_driver.chromium.launch(
        executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS + args
    )
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, permissions=permissions)
    if init_script:
        ctx.add_init_script(init_script)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.goto(app_url)
    return browser, page


@pytest.fixture(scope="session")
def browser(playwright_driver):
    b = playwright_driver.chromium.launch(executable_path=chromium_path(), headless=True, args=CHROMIUM_ARGS)
    yield b
    b.close()


@pytest.fixture()
def page(browser, app_url):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = ctx.new_page()
    pg.set_default_timeout(20_000)
    pg.goto(app_url)
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def mic_wav(tmp_path_factory):
    """A WAV of a trainee asking for the address (Piper, not the caller's voice) with
    quiet before and after, at 48 kHz, for Chromium's fake microphone."""
    import numpy as np

    from sim_core.speech.audio import pcm_to_wav, resample
    from sim_core.speech.tts_piper import PiperTTS
    from tools.bench.voice import SR, speech_clip

    phrase = speech_clip(PiperTTS.shared(), "what is the address of your emergency")
    quiet = np.random.default_rng(3).normal(0, 30, SR * 4).astype(np.int16)
    pcm = resample(np.concatenate([quiet[:SR], phrase, quiet]), SR, 48000)
    path = tmp_path_factory.mktemp("mic") / "trainee.wav"
    path.write_bytes(pcm_to_wav(pcm, 48000))
    return path
