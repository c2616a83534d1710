"""The standard's page shows D1–D11 coverage: what an imported questionnaire asks of
our default standard, and what it does not ask (R22)."""

import re
import shutil
from pathlib import Path

from tests.helpers import page_text
from tests.review.wordy_standard import WORDY
from tests.standards.conftest import write_standard
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder

ROOT = Path(__file__).resolve().parents[2] / "questionnaires"


def _load(app, tmp_path, *, with_default: bool) -> None:
    folder = tmp_path / "questionnaires"
    write_standard(folder, WORDY, slug="wordy")
    if with_default:
        shutil.copytree(ROOT / "consignee-selection", folder / "consignee-selection")
    with app.app_context():
        load_folder(folder, actor=None, now=utcnow())
        db.session.commit()


def _states(html: str) -> list[str]:
    return re.findall(r'<tr class="coverage-(\w+)">', html)


def test_an_imported_standard_shows_what_it_covers_and_what_it_does_not_ask(
        app, client, auth, tmp_path):
    _load(app, tmp_path, with_default=True)
    auth.login_as()
    response = client.get("/standards/wordy/v1?text=en")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    # q_gate names d1 (the whole criterion), q_ssl one question of d4.
    assert _states(html) == ["covered", "not", "not", "partly"] + ["not"] * 7
    text = page_text(response)
    assert "D1 Organizational security measures Covered 7 / 7 Which gate?" in text
    assert "D4 Technical security measures Partly covered 1 / 9 Is traffic encrypted?" in text
    # What it does not ask, in the default standard's words.
    assert "Is access to the data role-based and limited" in text
    # Each question names the criteria it evidences, by name, and its VSAQ id.
    assert "Evidences: D1 Organizational security measures" in text
    assert "vsaq:gate_item" in text
    assert "Warning: Unencrypted traffic" in text
    japanese = page_text(client.get("/standards/wordy/v1?lang=ja&text=ja"))
    assert "当社基準 D1～D11 の充足状況" in japanese
    assert "一部充足" in japanese
    assert "未充足" in japanese


def test_the_default_standard_covers_every_criterion(app, client, auth, tmp_path):
    _load(app, tmp_path, with_default=True)
    auth.login_as()
    html = client.get("/standards/consignee-selection/v2").get_data(as_text=True)
    assert _states(html) == ["covered"] * 11


def test_without_the_default_standard_the_page_says_so(app, client, auth, tmp_path):
    _load(app, tmp_path, with_default=False)
    auth.login_as()
    response = client.get("/standards/wordy/v1?text=en")
    assert response.status_code == 200
    assert "The default selection standard is not loaded" in page_text(response)
    assert client.get("/standards/wordy/v9").status_code == 404
