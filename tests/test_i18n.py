"""Every marked string has a Japanese translation, and the language choice works."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.helpers import page_text
from vendorrisk.auth.models import Role

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "vendorrisk" / "translations"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def _marked_strings() -> set[str]:
    with (TRANSLATIONS / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    return {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS
        )
    }


def _japanese_catalog():
    with (TRANSLATIONS / "ja" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        return read_po(file)


def test_every_marked_string_has_a_japanese_translation():
    catalog = _japanese_catalog()
    marked = _marked_strings()
    assert len(marked) > 50
    untranslated = sorted(
        text for text in marked
        if not (entry := catalog.get(text)) or not entry.string or entry.fuzzy
    )
    assert untranslated == [], "run pybabel update and translate these (see README)"


def test_japanese_translations_keep_their_placeholders():
    problems = [(message.id, str(error)) for message, errors in _japanese_catalog().check()
                for error in errors]
    assert problems == []


def test_compiled_catalog_matches_its_source():
    def entries(messages) -> dict:
        # Plural entries come back as lists from one reader and tuples from the other.
        def plain(value: object) -> str:
            return str(tuple(value) if isinstance(value, list | tuple) else value)

        return {plain(message.id): plain(message.string)
                for message in messages if message.id and not message.fuzzy}

    with (TRANSLATIONS / "ja" / "LC_MESSAGES" / "messages.mo").open("rb") as file:
        compiled = entries(read_mo(file))
    source = entries(_japanese_catalog())
    assert compiled == source, "run: pybabel compile -d vendorrisk/translations"


@pytest.mark.parametrize(("headers", "query", "expected"), [
    ({}, "", "Log in to vendorrisk"),
    ({"Accept-Language": "ja,en;q=0.5"}, "", "vendorrisk にログイン"),
    ({"Accept-Language": "ja"}, "?lang=en", "Log in to vendorrisk"),
    ({"Accept-Language": "en"}, "?lang=ja", "vendorrisk にログイン"),
    ({}, "?lang=xx", "Log in to vendorrisk"),
])
def test_language_for_visitors(client, headers, query, expected):
    assert expected in page_text(client.get(f"/auth/login{query}", headers=headers))


def test_lang_switch_is_remembered_for_the_session(client):
    client.get("/auth/login?lang=ja")
    assert "vendorrisk にログイン" in page_text(client.get("/auth/login"))


def test_user_setting_wins_over_the_browser(client, make_user, auth):
    user = make_user(Role.AUDITOR, language="ja")
    auth.login(user.email)
    response = client.get("/dashboard/", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert "ダッシュボード" in page_text(response)


def test_user_changes_their_language(client, auth):
    auth.login_as(Role.REVIEWER)
    response = client.post("/auth/account/language", data={"language": "ja"})
    assert response.status_code == 302
    assert "<html lang=\"ja\">" in client.get("/dashboard/").get_data(as_text=True)


def test_unknown_language_is_refused(client, auth):
    auth.login_as(Role.REVIEWER)
    response = client.post("/auth/account/language", data={"language": "tlh"})
    assert response.status_code == 400
