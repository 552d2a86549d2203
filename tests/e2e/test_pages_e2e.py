"""Pages a training centre relies on, in a real browser: a link opened while signed
out lands on its page after sign-in; an instructor's draft reaches trainees only
once published."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import shot, sign_in

expect.set_options(timeout=20_000)

pytestmark = pytest.mark.e2e


def _page(browser, app_url, path=""):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1100})
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.goto(app_url + path)
    return ctx, page


def test_signed_out_link_opens_its_page_after_sign_in(browser, app_url):
    # the server's first page request: Streamlit would list the pages/ folder here
    ctx, page = _page(browser, app_url, "/review")
    expect(page.get_by_label("Username", exact=True)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.wait_for_timeout(1500)
    expect(page.locator("[data-testid='stSidebarNav']")).to_have_count(0)
    expect(page.locator("[data-testid='stSidebarNavLink']")).to_have_count(0)
    shot(page, "pages-first-link-signed-out")
    sign_in(page, "sam")
    expect(page.get_by_role("heading", name="Calls & review")).to_be_visible()
    assert page.url.endswith("/review")
    menu = page.locator("[data-testid='stSidebar']").get_by_role("link")
    expect(menu).to_contain_text(["Calls & review", "Progress", "Assignments", "Analytics"])
    page.goto(app_url + "/editor")  # not a supervisor's page
    expect(page.get_by_text("not available for your role")).to_be_visible()
    expect(page.get_by_text("Page not found")).to_have_count(0)
    shot(page, "pages-not-for-your-role")
    ctx.close()


def test_a_draft_reaches_trainees_only_when_published(browser, app_url):
    ctx, page = _page(browser, app_url, "/editor?scenario=fall")
    sign_in(page, "ines")
    title = page.locator("input[aria-label='Title']")
    title.fill("Grandmother on the kitchen floor")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_test_id("stAlertContentSuccess").get_by_text("Saved draft version 2")).to_be_visible()
    shot(page, "pages-draft-saved")
    trainee_ctx, trainee = _page(browser, app_url)
    sign_in(trainee, "tess")
    expect(trainee.get_by_text("Elderly woman fell in her kitchen", exact=False)).to_be_visible()
    expect(trainee.get_by_text("Grandmother on the kitchen floor")).to_have_count(0)
    page.get_by_role("button", name="Publish v2").click()
    expect(page.get_by_text("Published version 2")).to_be_visible()
    trainee.reload()
    expect(trainee.get_by_text("Grandmother on the kitchen floor", exact=False)).to_be_visible()
    shot(trainee, "pages-published-in-picker")
    trainee_ctx.close()
    ctx.close()


def test_an_assignment_reaches_the_trainee_and_its_call_is_one_click_away(browser, app_url):
    ctx, page = _page(browser, app_url, "/assignments")
    sign_in(page, "ines")
    page.get_by_role("tab", name="New assignment").click()
    page.get_by_label("Title").fill("Week 1: kitchen arrest")
    page.get_by_label("Scenarios").click()
    page.keyboard.type("Husband collapsed")  # the list is long: narrow it as a person would
    page.get_by_role("option", name="Husband collapsed in the kitchen").click()
    page.keyboard.press("Escape")
    page.get_by_label("Trainees").click()
    page.keyboard.type("Tess")
    page.get_by_role("option", name="Tess").click()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Assign").click()
    expect(page.get_by_text("Assigned Week 1: kitchen arrest.")).to_be_visible()
    ctx.close()
    ctx, page = _page(browser, app_url, "/progress")
    sign_in(page, "tess")
    expect(page.get_by_text("Assigned to me")).to_be_visible()
    shot(page, "pages-assignment-trainee")
    page.get_by_role("button", name="Take this call").first.click()
    expect(page.get_by_role("radio", name="Husband collapsed in the kitchen", exact=False)).to_be_checked()
    ctx.close()
