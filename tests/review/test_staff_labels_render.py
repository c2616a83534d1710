"""Issue 23, staff view of scores: the assessment page, the review page and the
assessment report PDF show choice labels, section titles and each rule in words, in
English and Japanese, never a choice id, a section id, the scoring's English rule text
or Python list text; a warning that holds shows beside the answer with its severity,
advice and the vendor's justification."""

import io
import re
from datetime import timedelta

import pytest
from pypdf import PdfReader

from tests.helpers import adopt_standards, page_text
from tests.review.wordy_standard import ANSWERS, CHOICE_IDS, SECTION_IDS, WORDY
from tests.standards.conftest import write_standard
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.services import create_assessment, save_answer, send_assessment
from vendorrisk.assessments.submission import submit_assessment
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

# What the scoring writes in its English rule text, and Python's list text.
RULE_CODES = re.compile(r"\banswer (yes|no)\b|\bchoices? \w+ (scores|sum)|\bscores \d|"
                        r"\bmaturity \d|not answered: 0|counted up to 3|overridden by the "
                        r"reviewer|not applicable: left|unknown choice|\[\s*'|'\s*\]|\[\"")
ENGLISH_RULES = ("Answer:", " of 3", "No warning applies", "applies: 0", "Set by the reviewer")
WORDS = {
    "en": ["Zulu controls", "Yankee practice", "Gateway heading", "vsaq:gate_item",
           "Answer: Alpha label — 3 of 3", "Phone label, Mail label",
           "Answer: Phone label, Mail label — 3 of 3", "2 — in place",
           "Answer: Yes — 3 of 3", "Warning “Unencrypted traffic” applies: 0",
           "Warning: Unencrypted traffic", "High", "Ask for a plan.", "the guide",
           "Explain compensating controls.", "Vendor's justification: We use a VPN.",
           "Set by the reviewer: 3 of 3 (the answer gave 2)",
           "Not applicable: left out of the score",
           "Hidden by “Which gate?”: counts as its 3 points"],
    "ja": ["ズールー管理", "ヤンキー実務", "ゲートの見出し", "vsaq:gate_item",
           "回答：アルファ表示 — 3点中3点", "電話表示, メール表示",
           "回答：はい — 3点中3点", "警告「暗号化されていない通信」に該当：0点",
           "警告: 暗号化されていない通信", "高", "計画を求めてください。", "手引き",
           "代替策を説明してください。", "委託先の説明: We use a VPN.",
           "レビュアーが設定：3点中3点（回答による点数は2点）",
           "該当なし：スコアの計算から除外",
           "「どのゲートですか。」の回答により非表示：その3点として計上"],
}


def _flat(text: str) -> str:
    return "".join(text.split())


def _check(text: str, language: str) -> None:
    flat = _flat(text)
    for code in CHOICE_IDS:
        assert code not in flat, code
    for code in SECTION_IDS:
        assert code not in flat, code
    assert not RULE_CODES.search(text), RULE_CODES.search(text).group(0)
    for word in WORDS[language]:
        assert _flat(word) in flat, word
    if language == "ja":
        for english in ENGLISH_RULES:
            assert english not in text, english


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def scored(app, tmp_path, make_user, make_vendor) -> tuple[int, User]:
    """A wordy assessment answered (a warning holds, one answer N/A), submitted."""
    reviewer = make_user(Role.REVIEWER, email="rio@example.com")
    sender = make_user(Role.PROCUREMENT, email="sam@example.com")
    vendor = make_vendor(legal_name="Wordy Vendor KK")
    with app.app_context():
        now = utcnow()
        load_folder(write_standard(tmp_path / "q", WORDY, slug="wordy").parent.parent,
                    actor=None, now=now)
        adopt_standards(now)
        vendor = db.session.get(Vendor, vendor.id)
        add_contact(vendor, ContactInput(name="Hana Sato", email="hana@v.example",
                                         language="en"), primary=True, actor=None, now=now)
        assessment = create_assessment(
            vendor, kind="selection", version=None, version_reason="",
            due_on=(now + timedelta(days=14)).date(), contacts=vendor.contacts[:1],
            actor=db.session.merge(sender), now=now)
        send_assessment(assessment, actor=db.session.merge(sender), now=now)
        respondent = assessment.respondents[0]
        for question_id, value in ANSWERS.items():
            save_answer(assessment, respondent, question_id, value=value, not_applicable=False,
                        justification="We use a VPN." if question_id == "q_ssl" else "",
                        comment="", expected_version=None, now=now)
        save_answer(assessment, respondent, "q_na", value=None, not_applicable=True,
                    justification="No branches.", comment="", expected_version=None, now=now)
        submit_assessment(assessment, respondent, name="Hana Sato", title="Officer",
                          confirmed=True, now=now)
        db.session.commit()
        return assessment.id, reviewer


def test_pages_and_report_show_words_not_codes(app, client, auth, scored):
    assessment_id, reviewer = scored
    page = f"/assessments/{assessment_id}"
    auth.login(reviewer.email)
    submitted_page = page_text(client.get(f"{page}?lang=en"))
    assert "Warning “Unencrypted traffic” applies: 0" in submitted_page  # before review
    assert client.post(f"{page}/review").status_code == 302
    assert client.post(f"{page}/answers/q_level/override", data={
        "points": "3", "reason": "Seen on site."}).status_code == 302
    html = client.get(f"{page}?lang=en").get_data(as_text=True)
    assert '<a href="https://example.com/guide" rel="noopener noreferrer" target="_blank">' \
           'the guide</a>' in html  # the advice's link, made safe
    for language in ("en", "ja"):
        response = client.get(f"{page}?lang={language}")
        assert response.status_code == 200
        _check(page_text(response), language)  # the review page, with its forms
        assert "wordy v1" not in page_text(response)  # the standard by its title
        report = client.get(f"/reports/assessments/{assessment_id}.pdf?lang={language}")
        assert report.status_code == 200
        _check(_pdf_text(report.data), language)
    # The finding form names the questions in the reader's language too.
    assert "ズールー管理 · 通信は暗号化されていますか。" in page_text(
        client.get(f"{page}/findings/new?lang=ja"))
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).status.value == "in_review"
