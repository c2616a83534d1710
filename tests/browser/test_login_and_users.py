"""The login page and user administration in a real browser."""

import re

from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from vendorrisk.auth.models import Role


def _log_in(page: Page, base: str, email: str, password: str = PASSWORD) -> None:
    page.goto(f"{base}/auth/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_login_page_is_styled_and_breaks_no_policy(page, live_server, console_errors):
    page.goto(f"{live_server}/auth/login")
    expect(page).to_have_title(re.compile("Log in"))
    button = page.get_by_role("button", name="Log in")
    # Bootstrap's CSS arrived from our own server: the primary button is blue.
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(13, 110, 253)"
    assert console_errors == []


def test_wrong_password_shows_the_generic_message(page, live_server, make_user):
    user = make_user()
    _log_in(page, live_server, user.email, "not the password")
    expect(page.get_by_role("alert")).to_have_text(
        "Wrong e-mail or password, or the account is disabled."
    )


def test_admin_creates_a_user_through_the_form(page, live_server, make_user, console_errors):
    admin = make_user(Role.ADMIN)
    _log_in(page, live_server, admin.email)
    expect(page.get_by_role("heading", name=f"Welcome, {admin.name}")).to_be_visible()
    page.get_by_role("button", name="Administration").click()  # the menu holding it
    page.get_by_role("link", name="Users").first.click()
    page.get_by_role("link", name="New user").click()
    page.get_by_label("E-mail").fill("browser.made@example.com")
    page.get_by_label("Name").fill("Browser Made")
    page.get_by_label("Reviewer").check()
    page.get_by_label("Initial password").fill("short")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_text("Use at least 12 characters.")).to_be_visible()
    expect(page.get_by_label("E-mail")).to_have_value("browser.made@example.com")
    page.get_by_label("Initial password").fill("a long enough password")
    page.get_by_role("button", name="Create user").click()
    expect(page.get_by_role("status")).to_have_text("User browser.made@example.com created.")
    expect(page.get_by_role("cell", name="browser.made@example.com")).to_be_visible()
    assert console_errors == []


def test_language_switch_shows_japanese(page, live_server):
    page.goto(f"{live_server}/auth/login")
    page.get_by_role("link", name="日本語").click()
    expect(page.get_by_role("heading", name="vendorrisk にログイン")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
