"""The app in a real browser: a typed call to the debrief, an editor save that
makes a new draft version, analytics, review and admin; a screenshot of each page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import say as _say
from tests.e2e.helpers import shot, sign_in, take_call

pytestmark = pytest.mark.e2e


def test_sign_in_rejects_a_wrong_password(page):
    page.get_by_label("Username", exact=True).fill("tess")
    page.get_by_label("Password", exact=True).fill("wrong-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wrong username or password")).to_be_visible()
    shot(page, "01-sign-in-error")


def test_typed_call_to_debrief(page):
    sign_in(page, "tess")
    expect(page.get_by_role("heading", name="Take a call")).to_be_visible()
    page.get_by_text("Husband collapsed in the kitchen", exact=False).first.click()
    shot(page, "02-call-chooser")
    page.get_by_role("button", name="Start the call").click()
    expect(page.get_by_text("Ringing", exact=False)).to_be_visible()
    shot(page, "03-call-ringing")
    page.get_by_role("button", name="Answer").click()
    expect(page.get_by_text("husband", exact=False).first).to_be_visible()
    _say(page, "911, what is the address of your emergency?")
    expect(page.locator("mark", has_text="1425 Oak Street").first).to_be_visible()
    _say(page, "Is he awake? Is he breathing normally?")
    page.get_by_label("Address", exact=True).fill("1425 Oak Street")
    page.get_by_label("Incident type", exact=True).fill("cardiac arrest")
    page.get_by_label("Callback", exact=True).fill("555-0134")
    page.get_by_role("button", name="Update CAD").click()
    page.wait_for_timeout(800)
    _say(page, "I'm sending help now. Push hard and fast in the center of his chest.")
    shot(page, "04-call-active")
    page.get_by_role("button", name="End call").click()
    expect(page.get_by_role("heading", name="Debrief")).to_be_visible()
    expect(page.get_by_text("Overall score")).to_be_visible()
    expect(page.get_by_text("Moments that cost points")).to_be_visible()
    shot(page, "05-debrief")
    page.get_by_role("link", name="My calls").click()
    expect(page.get_by_role("heading", name="My calls")).to_be_visible()
    shot(page, "06-my-calls")


def _sign_in_cookie(page) -> str:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "sim_sign_in"), "")


def test_reload_keeps_the_trainee_signed_in_and_on_the_call(page, app_url):
    take_call(page)
    _say(page, "911, what is the address of your emergency?")
    expect(page.locator("mark", has_text="1425 Oak Street").first).to_be_visible()
    assert _sign_in_cookie(page)
    page.reload()
    # same user, same call, same transcript; no password asked
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_text("Tess", exact=True)).to_be_visible()
    expect(page.locator("mark", has_text="1425 Oak Street").first).to_be_visible()
    _say(page, "Is he breathing normally?")
    shot(page, "21-after-reload")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.reload()
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert _sign_in_cookie(page) == ""
    # a made-up token signs nobody in, nor does one shaped to break out of the page's script
    for forged in ("A" * 43, "x'+alert(1)+'" + "a" * 30):
        page.context.add_cookies([{"name": "sim_sign_in", "value": forged, "url": app_url}])
        page.reload()
        expect(page.get_by_label("Username", exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
        page.wait_for_timeout(500)
        assert _sign_in_cookie(page) == ""  # and the page drops the bad cookie


def test_editor_save_makes_a_new_draft_version(page):
    sign_in(page, "ines")
    page.get_by_role("link", name="Scenario editor").click()
    expect(page.get_by_role("heading", name="Scenario editor")).to_be_visible()
    page.get_by_role("textbox", name="Search", exact=True).fill("stroke")
    page.get_by_role("textbox", name="Search", exact=True).press("Enter")
    page.wait_for_timeout(800)
    shot(page, "07-editor-list")
    page.get_by_role("button", name="Edit").click()
    expect(page.locator("h1", has_text="· v1")).to_be_visible()
    page.get_by_role("tab", name="CAD truth").click()
    page.get_by_label("Incident type", exact=True).fill("stroke - FAST positive")
    shot(page, "08-editor-form")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("stAlertContentSuccess").get_by_text("Saved draft version 2")).to_be_visible()
    expect(page.locator("h1", has_text="· v2 (draft)")).to_be_visible()
    page.get_by_role("tab", name="History & diff").click()
    expect(page.locator("[data-testid='stCode']", has_text="incident_type: stroke - FAST positive")).to_be_visible()
    shot(page, "09-editor-history-diff")


def test_analytics_review_and_admin(page):
    sign_in(page, "root", "root-password-1")
    page.get_by_role("link", name="Analytics").click()
    expect(page.get_by_role("heading", name="Analytics")).to_be_visible()
    page.wait_for_timeout(1500)
    expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible()
    shot(page, "10-analytics")
    page.get_by_role("link", name="Calls & review").click()
    expect(page.get_by_role("heading", name="Calls & review")).to_be_visible()
    shot(page, "11-review-list")
    page.get_by_role("link", name="Admin").click()
    expect(page.get_by_role("heading", name="Admin")).to_be_visible()
    shot(page, "12-admin")
