"""Push-to-talk with an uploaded clip in a real browser: a file that is not audio is
refused with a clear message and the call goes on; a real recording of the trainee
is heard, lands in the transcript, and the caller answers aloud."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import say, shot, take_call

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]


def _upload(page, name: str, data: bytes) -> None:
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        files=[{"name": name, "mimeType": "audio/wav", "buffer": data}]
    )


def test_uploaded_clip_bad_then_good(page, mic_wav):
    take_call(page)
    say(page, "Tell me exactly what happened.")
    page.get_by_test_id("stRadioGroup").get_by_text("Push-to-talk", exact=True).click()
    _upload(page, "question.wav", b"%PDF-1.4 this is a document, not a recording\n" * 200)
    expect(page.get_by_text("That clip could not be used: the file is not readable audio", exact=False)).to_be_visible()
    expect(page.get_by_text("Your call continues", exact=False)).to_be_visible()
    expect(page.get_by_text("Errno", exact=False)).to_have_count(0)  # no codec internals
    expect(page.get_by_text("Tell me exactly what happened.", exact=False)).to_be_visible()
    shot(page, "19-push-to-talk-bad-file")
    _upload(page, "question.wav", mic_wav.read_bytes())
    expect(page.get_by_text("Heard:", exact=False)).to_be_visible(timeout=60_000)
    # the trainee's spoken question is in the transcript and the caller answered it
    expect(page.locator("mark", has_text="1425 Oak Street").first).to_be_visible()
    expect(page.locator("[data-testid='stAudio']").first).to_be_attached()
    expect(page.get_by_text("That clip could not be used", exact=False)).to_have_count(0)
    shot(page, "20-push-to-talk-uploaded")
