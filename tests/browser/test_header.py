"""The top bar is one line from 1280 px up, in English and in Japanese, for the widest menu
(a user holding every role) and for each single role: measured in Chromium, the heights
printed, a screenshot per width and language (VENDORRISK_TEST_ARTIFACTS/header/). Its
menus open and close from the keyboard, as buttons that say whether they are open."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import PASSWORD
from vendorrisk.auth.models import Role

WIDTHS = [1280, 1366, 1920]
LANGUAGES = ["en", "ja"]
LOG_IN = {"en": ("E-mail", "Password", "Log in"),
          "ja": ("メールアドレス", "パスワード", "ログイン")}

# The bar, its top-level entries and the line box of one link, read in the page.
MEASURE = """() => {
  const bar = document.querySelector('nav.navbar');
  const style = getComputedStyle(bar);
  const entries = [...bar.querySelectorAll('#nav-main > li, #nav-user > li')];
  const link = bar.querySelector('#nav-main .nav-link');
  const linkStyle = getComputedStyle(link);
  return {
    bar: bar.getBoundingClientRect().height,
    padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom),
    line: parseFloat(linkStyle.lineHeight),
    linkPadding: parseFloat(linkStyle.paddingTop) + parseFloat(linkStyle.paddingBottom),
    items: entries.map(e => ({text: e.innerText.trim(),
                              top: Math.round(e.getBoundingClientRect().top),
                              height: e.getBoundingClientRect().height})),
  };
}"""


def _log_in(page: Page, base: str, email: str, language: str) -> None:
    label, password, button = LOG_IN[language]
    page.goto(f"{base}/auth/login?lang={language}")
    page.get_by_label(label).fill(email)
    page.get_by_label(password, exact=True).fill(PASSWORD)
    page.get_by_role("button", name=button).click()
    expect(page.locator("#nav-main")).to_be_visible()


def _assert_one_line(page: Page, who: str, language: str, width: int) -> None:
    m = page.evaluate(MEASURE)
    one_item = m["line"] + m["linkPadding"]
    print(f"header {language} {width}px {who}: {m['bar']:.1f} px "
          f"(one item {one_item:.1f} + padding {m['padding']:.1f}); "
          f"{len(m['items'])} entries: {' | '.join(i['text'] for i in m['items'])}")
    assert m["bar"] <= one_item + m["padding"] + 1, (who, language, width, m)
    assert len({item["top"] for item in m["items"]}) == 1, (who, language, width, m["items"])
    for item in m["items"]:  # no entry wraps: none is taller than one line
        assert item["height"] <= one_item + 1, (who, language, width, item)


def _shoot(page: Page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("VENDORRISK_TEST_ARTIFACTS", tmp_path)) / "header"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), clip={"x": 0, "y": 0,
                                                           "width": page.viewport_size["width"],
                                                           "height": 200})


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_is_one_line_from_1280_px(browser: Browser, live_server, make_user,
                                             language, tmp_path):
    everyone = make_user(*Role, name="Hanako Yamada-Whitfield", language=language)
    singles = {role: make_user(role, language=language) for role in Role}
    for who, user in [("all roles", everyone), *((r.value, u) for r, u in singles.items())]:
        context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
        page = context.new_page()
        _log_in(page, live_server, user.email, language)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(f"{live_server}/dashboard/")
            _assert_one_line(page, who, language, width)
            if user is everyone:
                page.locator("#menu-queues").click()  # an open menu is in the picture
                _shoot(page, f"{language}-{width}", tmp_path)
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menus_work_from_the_keyboard(page: Page, live_server, make_user, language,
                                          console_errors):
    user = make_user(*Role, language=language)
    _log_in(page, live_server, user.email, language)
    page.goto(f"{live_server}/dashboard/")
    toggle = page.locator("#menu-vendors")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    register = page.locator("#nav-main a[href='/vendors/']")
    expect(register).to_be_visible()
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(register).to_be_hidden()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    expect(register).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server}/vendors/")
    expect(page.locator("#menu-vendors")).to_have_class("nav-link dropdown-toggle active")

    page.locator("#menu-user").click()
    page.locator("#nav-user button[type=submit]").click()
    expect(page.get_by_role("button", name=LOG_IN[language][2])).to_be_visible()
    assert console_errors == []
