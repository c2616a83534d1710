"""Paths the outside probe found broken, walked in a real browser in English and
Japanese with a screenshot of each (VENDORRISK_TEST_ARTIFACTS/probe/<lang>/): changing
one's own password (it killed the process), logging out (the cookie stayed valid), the
vendor page a buyer who does not own it sees, and an expired link's page."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import time_machine
from playwright.sync_api import Page, expect

from tests.conftest import PASSWORD
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.links import send_incident_link
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact
from vendorrisk.vendors.vocabulary import VendorStatus

WORDS = {
    "en": {"email": "E-mail", "password": "Password", "login": "Log in",
           "current": "Current password", "new": "New password",
           "change": "Change password", "changed": "Your password is changed",
           "logout": "Log out", "expired": "expired"},
    "ja": {"email": "メールアドレス", "password": "パスワード", "login": "ログイン",
           "current": "現在のパスワード", "new": "新しいパスワード",
           "change": "パスワード変更", "changed": "パスワードを変更しました",
           "logout": "ログアウト", "expired": "期限"},
}


def _shoot(page: Page, language: str, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("VENDORRISK_TEST_ARTIFACTS", tmp_path)) / "probe" / language
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _log_in(page: Page, base: str, email: str, language: str) -> None:
    words = WORDS[language]
    page.goto(f"{base}/auth/login?lang={language}")
    page.get_by_label(words["email"]).fill(email)
    page.get_by_label(words["password"], exact=True).fill(PASSWORD)
    page.get_by_role("button", name=words["login"]).click()


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_buyer_changes_their_password_and_logs_out(page, live_server, make_user, app,
                                                     make_vendor, console_errors, language,
                                                     tmp_path):
    words = WORDS[language]
    owner = make_user(Role.PROCUREMENT, name="Pia Owner", language=language)
    buyer = make_user(Role.PROCUREMENT, name="Paul Buyer", language=language)
    vendor = make_vendor(legal_name="Acme Calls K.K.")
    with app.app_context():
        db.session.get(Vendor, vendor.id).owner_id = owner.id
        db.session.commit()
    _log_in(page, live_server, buyer.email, language)
    page.goto(f"{live_server}/vendors/{vendor.id}")
    expect(page.get_by_role("heading", name="Acme Calls K.K.")).to_be_visible()
    assert page.locator(f"a[href='/incidents/vendors/{vendor.id}']").count() == 0
    _shoot(page, language, "01-vendor-not-owned", tmp_path)

    page.goto(f"{live_server}/auth/account")
    page.get_by_label(words["current"]).fill(PASSWORD)
    page.get_by_label(words["new"]).fill("a brand new passphrase")
    page.get_by_role("button", name=words["change"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["changed"])
    _shoot(page, language, "02-password-changed", tmp_path)
    cookies = page.context.cookies()

    page.locator("#menu-user").click()  # the user's menu holds it
    page.locator("[aria-labelledby=menu-user]").get_by_role("button", name=words["logout"]).click()
    expect(page.get_by_role("button", name=words["login"])).to_be_visible()
    page.context.add_cookies(cookies)  # the old cookie, replayed
    page.goto(f"{live_server}/dashboard/")
    expect(page.get_by_role("button", name=words["login"])).to_be_visible()
    assert console_errors == []


@pytest.mark.parametrize("language", ["en", "ja"])
def test_an_expired_incident_link_says_so_in_words(page, live_server, app, make_vendor,
                                                   make_user, language, tmp_path):
    vendor = make_vendor(legal_name="Acme Calls K.K.")
    reviewer = make_user(Role.REVIEWER)
    with app.app_context():
        row = db.session.get(Vendor, vendor.id)
        row.status = VendorStatus.APPROVED
        contact = add_contact(row, ContactInput(name="Hana", email="hana@acme.example.com",
                                                language=language),
                              primary=True, actor=None, now=utcnow())
        url = send_incident_link(row, contact, actor=db.session.merge(reviewer), now=utcnow())
        db.session.commit()
    later = utcnow() + timedelta(days=app.config["INCIDENT_LINK_DAYS"] + 1)
    with time_machine.travel(later):
        response = page.goto(f"{live_server}{urlsplit(url).path}?lang={language}")
        assert response.status == 410
        expect(page.locator("h1")).to_contain_text(WORDS[language]["expired"])
        _shoot(page, language, "03-expired-link", tmp_path)
