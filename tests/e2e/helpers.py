"""Browser helpers for the e2e tests."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PASSWORD = "correct-horse-1"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()


def say(page, text: str) -> None:
    """Type a line to the caller and wait until it is in the transcript."""
    box = page.get_by_label("What you say", exact=True)
    box.fill(text)
    box.press("Enter")
    expect(page.get_by_text(text, exact=False).first).to_be_visible()


def take_call(page, username: str = "tess") -> None:
    """Sign in, start the cardiac-arrest call, answer it, hear the caller's opening."""
    sign_in(page, username)
    page.get_by_text("Husband collapsed in the kitchen", exact=False).first.click()
    page.get_by_role("button", name="Start the call").click()
    page.get_by_role("button", name="Answer").click()
    expect(page.get_by_text("husband", exact=False).first).to_be_visible()
