"""Live voice faults in a real browser: a microphone the browser denies, and a
microphone that goes dead mid-call. Each time the page says so plainly, and the
call and its transcript go on in typed text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import FAKE_MIC, open_page
from tests.e2e.helpers import say as _say
from tests.e2e.helpers import shot
from tests.e2e.helpers import take_call as _take_call

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]
# every stream getUserMedia hands the page (the component's iframe included) is kept
# in window.__streams, so the test can stop the microphone as a dropped device would
KEEP_STREAMS = """
if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  window.__streams = [];
  navigator.mediaDevices.getUserMedia = async (c) => {
    const s = await getUserMedia(c);
    window.__streams.push(s);
    return s;
  };
}
"""


@pytest.fixture()
def denied_page(playwright_driver, app_url):
    """A microphone exists, but nobody grants it: Chromium refuses getUserMedia."""
    browser, page = open_page(playwright_driver, app_url, FAKE_MIC, permissions=[])
    yield page
    browser.close()


@pytest.fixture()
def mic_page(playwright_driver, app_url, mic_wav):
    args = FAKE_MIC + ["--use-fake-ui-for-media-stream", f"--use-file-for-fake-audio-capture={mic_wav}"]
    browser, page = open_page(playwright_driver, app_url, args, permissions=["microphone"], init_script=KEEP_STREAMS)
    yield page
    browser.close()


def _live_start(page):
    page.get_by_text("Live voice", exact=True).click()
    frame = page.frame_locator("iframe[title*='streamlit_webrtc']").first
    frame.get_by_role("button", name="START").click()
    return frame


def _back_to_typed_and_answered(page, earlier: str | re.Pattern) -> None:
    """Typed text carries the call on: the earlier lines are there, and the caller
    answers a new question."""
    page.get_by_test_id("stRadioGroup").get_by_text("Typed", exact=True).click()
    expect(page.get_by_text(earlier, exact=False).first).to_be_visible()
    _say(page, "Is he awake? Is he breathing normally?")
    expect(page.get_by_text("gasping", exact=False).first).to_be_visible()


def test_denied_microphone_says_so_and_the_call_goes_on_in_text(denied_page):
    page = denied_page
    _take_call(page)
    _say(page, "911, what is the address of your emergency?")
    expect(page.locator("mark", has_text="1425 Oak Street").first).to_be_visible()
    frame = _live_start(page)
    expect(frame.get_by_text("NotAllowedError", exact=False)).to_be_visible()
    expect(page.get_by_text("If the browser blocks it", exact=False)).to_be_visible()
    expect(page.get_by_text("your call goes on", exact=False)).to_be_visible()
    shot(page, "15-live-voice-mic-denied")
    _back_to_typed_and_answered(page, "what is the address of your emergency")
    expect(page.locator("mark", has_text="1425 Oak Street").first).to_be_visible()
    shot(page, "16-mic-denied-typed-on")


def test_dead_microphone_shows_a_lost_connection_and_the_call_goes_on(mic_page):
    page = mic_page
    _take_call(page)
    frame = _live_start(page)
    expect(page.locator("mark", has_text="1425 Oak Street").first).to_be_visible(timeout=90_000)
    lost = page.get_by_text("The live voice connection was lost", exact=False)
    expect(lost).to_have_count(0)
    # cut the microphone in the component's frame, as an unplugged headset would
    webrtc = next(f for f in page.frames if "streamlit_webrtc" in f.url)
    assert webrtc.evaluate(
        "window.__streams.flatMap(s => s.getAudioTracks()).map(t => { t.stop(); return t.readyState; })"
    ) == ["ended"]
    expect(lost).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Your call and its transcript are kept", exact=False)).to_be_visible()
    expect(frame.get_by_role("button", name="STOP")).to_be_visible()  # the component still plays
    shot(page, "17-live-voice-connection-lost")
    frame.get_by_role("button", name="STOP").click()  # the way back the warning gives
    frame.get_by_role("button", name="START").click()
    expect(frame.get_by_role("button", name="STOP")).to_be_visible()
    page.wait_for_timeout(2 * 3000)  # past the timeout: audio flows again
    expect(lost).to_have_count(0)
    frame.get_by_role("button", name="STOP").click()
    _back_to_typed_and_answered(page, re.compile("address of"))
    expect(page.locator("mark", has_text="1425 Oak Street").first).to_be_visible()
    shot(page, "18-connection-lost-typed-on")
