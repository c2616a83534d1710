"""Company sign-in and two-factor enrolment in Chromium, in English and Japanese, a
screenshot per step checked by axe-core (VENDORRISK_TEST_ARTIFACTS/sign-in/<lang>/):
an approver new to vendorrisk signs in through the company's identity provider (a real
one, tests/oidc_provider.py), is made to set up an authenticator app, keeps the
recovery codes, sees their sessions, and the next time gives the code after the
provider."""

import os
from datetime import timedelta
from pathlib import Path

import pyotp
import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_journey import Steps
from vendorrisk.auth.models import Role
from vendorrisk.auth.sso import init_sso
from vendorrisk.foundation.clock import utcnow

WORDS = {
    "en": {"sso": "Sign in with Corp ID", "enrol": "Set up two-factor sign-in",
           "code": "Code", "turn_on": "Turn on two-factor sign-in",
           "codes": "Your recovery codes", "go_on": "I have kept them: go on",
           "account": "Your account", "where": "Where you are signed in",
           "this": "This session", "log_out": "Log out", "second": "Two-factor sign-in",
           "sign_in": "Sign in"},
    "ja": {"sso": "Corp ID でログイン", "enrol": "2段階認証を設定", "code": "コード",
           "turn_on": "2段階認証を有効にする", "codes": "リカバリーコード",
           "go_on": "保管しました：次へ", "account": "アカウント",
           "where": "ログイン中の端末", "this": "このセッション", "log_out": "ログアウト",
           "second": "2段階認証", "sign_in": "ログイン"},
}


@pytest.mark.parametrize("language", ["en", "ja"])
def test_an_approver_signs_in_through_the_provider_and_enrols(
        page: Page, live_server, app, sso, tmp_path, console_errors, language):
    app.config["TOTP_REQUIRED_ROLES"] = "admin,approver,executive"
    client_id, secret = sso.provider.register_client([f"{live_server}/auth/sso/corp/callback"])
    app.config["OIDC"]["corp"].update(client_id=client_id, client_secret=secret)
    init_sso(app)  # the provider knows this server's address as a client of its own
    words = WORDS[language]
    steps = Steps(Path(os.environ.get("VENDORRISK_TEST_ARTIFACTS", tmp_path))
                  / "sign-in" / language)
    sub = sso.user(Role.APPROVER, sub=f"akira-{language}")

    page.goto(f"{live_server}/auth/login?lang={language}")
    steps.shot(page, "login")
    page.get_by_role("link", name=words["sso"]).click()
    page.get_by_label("User").fill(sub)  # the provider's own page
    steps.shot(page, "provider")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name=words["enrol"])).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    steps.shot(page, "enrol")
    key = page.locator("code.user-select-all").inner_text().replace(" ", "")
    totp = pyotp.TOTP(key)
    page.get_by_label(words["code"]).fill(totp.now())
    page.get_by_role("button", name=words["turn_on"]).click()
    expect(page.get_by_role("heading", name=words["codes"])).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    steps.shot(page, "recovery-codes")
    page.get_by_role("link", name=words["go_on"]).click()
    expect(page).to_have_url(f"{live_server}/dashboard/")

    page.goto(f"{live_server}/auth/account#sessions")
    expect(page.get_by_role("heading", name=words["where"])).to_be_visible()
    expect(page.get_by_text(words["this"])).to_be_visible()
    steps.shot(page, "account")
    page.get_by_role("button", name=words["log_out"]).first.click()

    page.goto(f"{live_server}/auth/login")
    page.get_by_role("link", name=words["sso"]).click()  # the provider remembers them
    expect(page.get_by_role("heading", name=words["second"])).to_be_visible()
    steps.shot(page, "code")
    page.get_by_label(words["code"]).fill(totp.at(utcnow() + timedelta(seconds=30)))
    page.get_by_role("button", name=words["sign_in"], exact=True).click()
    expect(page).to_have_url(f"{live_server}/dashboard/")
    assert steps.accessibility.blocking() == []
    assert console_errors == []
