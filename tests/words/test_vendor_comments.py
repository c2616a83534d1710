"""Issue 24: the vendor's comment on an answer (stored, printed in the report) is shown
to the reviewer on the assessment page beside the answer, in both languages; and the
finding form offers the questions by section title and text, never by id; two
assessments compared show the answers as labels, the standard by its title."""

import re
from datetime import timedelta
from html import unescape

import pytest

from tests.helpers import adopt_standards, page_text
from tests.review.wordy_standard import ANSWERS, WORDY
from tests.standards.conftest import write_standard
from vendorrisk.assessments.services import create_assessment, save_answer, send_assessment
from vendorrisk.assessments.submission import submit_assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

COMMENT = "Our VPN covers the branch line too; see the network diagram."


def answered(vendor: Vendor, sender, now, changes: dict | None = None) -> int:
    """The wordy standard sent to ``vendor``, answered (with ``changes``) and submitted;
    the vendor comments on q_ssl."""
    assessment = create_assessment(
        vendor, kind="selection", version=None, version_reason="",
        due_on=(now + timedelta(days=14)).date(), contacts=vendor.contacts[:1],
        actor=sender, now=now)
    send_assessment(assessment, actor=sender, now=now)
    respondent = assessment.respondents[-1]
    for question_id, value in {**ANSWERS, **(changes or {})}.items():
        save_answer(assessment, respondent, question_id, value=value, not_applicable=False,
                    justification="We use a VPN." if question_id == "q_ssl" else "",
                    expected_version=None, now=now,
                    comment=COMMENT if question_id == "q_ssl" else "")
    save_answer(assessment, respondent, "q_na", value=None, not_applicable=True,
                justification="No branches.", comment="", expected_version=None, now=now)
    submit_assessment(assessment, respondent, name="Hana Sato", title="Officer",
                      confirmed=True, now=now)
    return assessment.id


@pytest.fixture
def vendor_id(app, tmp_path, make_user, make_vendor) -> int:
    """A vendor with a contact, and the wordy standard adopted."""
    vendor = make_vendor(legal_name="Comment Vendor KK")
    with app.app_context():
        now = utcnow()
        load_folder(write_standard(tmp_path / "q", WORDY, slug="wordy").parent.parent,
                    actor=None, now=now)
        adopt_standards(now)
        add_contact(db.session.get(Vendor, vendor.id), ContactInput(
            name="Hana Sato", email="hana@v.example", language="ja"), primary=True,
            actor=None, now=now)
        db.session.commit()
    return vendor.id


@pytest.fixture
def commented(app, make_user, vendor_id) -> int:
    """The wordy standard answered and submitted, one answer with the vendor's comment."""
    sender = make_user(Role.PROCUREMENT, email="sam@example.com")
    with app.app_context():
        assessment_id = answered(db.session.get(Vendor, vendor_id), db.session.merge(sender),
                                 utcnow())
        db.session.commit()
        return assessment_id


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_reviewer_reads_the_vendors_comment_beside_the_answer(
        client, auth, commented, language):
    auth.login_as(Role.REVIEWER)
    response = client.get(f"/assessments/{commented}?lang={language}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    row = html[html.index('id="q-q_ssl"'):]
    row = row[:row.index("</tr>")]
    assert COMMENT in page_text_of(row)  # in the question's own row
    assert html.count(COMMENT) == 1  # and nowhere else
    if language == "en":
        assert "Vendor's comment: " + COMMENT in page_text_of(row)


def test_the_finding_form_offers_questions_by_section_title_and_text(client, auth, commented):
    auth.login_as(Role.REVIEWER)
    text = page_text(client.get(f"/assessments/{commented}/findings/new?lang=ja"))
    assert "ズールー管理 · 通信は暗号化されていますか。" in text
    assert "q_ssl" not in text
    english = page_text(client.get(f"/assessments/{commented}/findings/new?lang=en"))
    assert "Zulu controls · " in english
    assert "q_ssl:" not in english


def test_two_assessments_compared_show_answers_as_words(app, client, auth, make_user,
                                                       vendor_id):
    sender = make_user(Role.PROCUREMENT, email="sam@example.com")
    with app.app_context():
        vendor, now = db.session.get(Vendor, vendor_id), utcnow()
        answered(vendor, db.session.merge(sender), now - timedelta(days=400))
        answered(vendor, db.session.merge(sender), now, {"q_level": 3, "q_yes": "no"})
        db.session.commit()
    auth.login_as(Role.REVIEWER)
    text = page_text(client.get(f"/vendors/{vendor_id}?lang=en"))
    changes = text[text.index("compared with assessment"):]
    assert "How mature? q_level 2 — in place 3 — in place with evidence" in changes
    assert "Do you log? q_yes Yes No" in changes
    assert "Wordy standard v1" in text  # the standard by its title
    assert "wordy v1" not in text


def page_text_of(html: str) -> str:
    """The visible text of a piece of a page."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
