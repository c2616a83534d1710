"""The portal marks the questions whose answer needs a file (and for which answers), counts
the missing files in the progress bar, and every autosave brings the bar and the section
counts up to date."""

import io
import json
import re
from html import unescape

import pytest

from tests.helpers import adopt_standards, page_text
from tests.portal.conftest import create_and_send, csrf_of, link_in
from tests.standards.conftest import write_standard
from vendorrisk.assessments.evidence import evidence_need, wants_evidence
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.services import definition_of, load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
EVIDENCE = """\
slug: evid
version: 1
title: {en: Evidence standard, ja: 証跡基準}
use: selection
tiers: ["1", "2", "3"]
scoring:
  pass_marks: {"1": 60, "2": 60, "3": 60}
  grade_a: 85
  knockout_min: 2
sections:
  - id: s1
    title: {en: Policies, ja: 方針}
    questions:
      - id: s1_policy
        type: maturity
        weight: 2
        evidence: {required: true, what: {en: The policy, ja: 方針}}
        text: {en: "Is there a policy?", ja: "方針はありますか。"}
      - id: s1_audit
        type: yes_no
        weight: 1
        evidence: {required: true}
        text: {en: "Are you audited?", ja: "監査を受けていますか。"}
  - id: s2
    title: {en: Encryption, ja: 暗号化}
    questions:
      - id: s2_encryption
        type: single_choice
        weight: 2
        evidence: {required: true}
        choices:
          - {id: none, label: {en: None, ja: なし}, score: 0}
          - {id: partial, label: {en: Partial, ja: 一部}, score: 2}
          - {id: full, label: {en: Full, ja: 全部}, score: 3}
        text: {en: "Encryption?", ja: "暗号化は？"}
      - id: s2_notes
        type: text
        required: false
        text: {en: Notes, ja: 備考}
"""


@pytest.fixture
def sent(app, client, auth, make_vendor, smtp_server, tmp_path):
    """A questionnaire of the evidence standard, sent: (vendor's client, link, CSRF)."""
    vendor = make_vendor(legal_name="Evidence Test K.K.")
    with app.app_context():
        add_contact(db.session.get(Vendor, vendor.id),
                    ContactInput(name="Hana Sato", email="hana@vendor.example.com"),
                    primary=True, actor=None, now=utcnow())
        load_folder(write_standard(tmp_path / "q", EVIDENCE, slug="evid").parent.parent,
                    actor=None, now=utcnow())
        adopt_standards(now=utcnow())
        db.session.commit()
    create_and_send(client, auth, vendor)
    link = link_in(smtp_server.messages[0])
    vendor_client = app.test_client()
    return vendor_client, link, csrf_of(vendor_client, link)


def _autosave(vendor_client, link, csrf, section, **answers):
    data = {"section": section, "csrf_token": csrf}
    for qid, value in answers.items():
        data |= {f"present-{qid}": "1", f"q-{qid}": value}
    return vendor_client.post(f"{link}/autosave", data=data)


def _question(html: str, qid: str) -> str:
    return re.search(rf'<div class="card[^"]*" id="q-{qid}".*?(?=<div class="card mb|</form>)',
                     html, re.S).group(0)


def test_each_question_says_which_answers_need_a_file(sent):
    vendor_client, link, _csrf = sent
    html = vendor_client.get(link).get_data(as_text=True)
    policy = page_text_of(_question(html, "s1_policy"))
    assert ("Evidence file: needed if you answer “2 — in place” or “3 — in place with "
            "evidence or independent assurance”.") in policy
    assert "Evidence file: needed if you answer “Yes”." in page_text_of(
        _question(html, "s1_audit"))
    # Nothing answered yet, so no file is missing (the mark waits, hidden, for autosave).
    assert "data-file-missing hidden>" in _question(html, "s1_policy")
    encryption = vendor_client.get(f"{link}?section=s2").get_data(as_text=True)
    assert "Evidence file: needed if you answer “Partial” or “Full”." in page_text_of(
        _question(encryption, "s2_encryption"))
    assert "Evidence file" not in page_text_of(_question(encryption, "s2_notes"))
    assert "0 of 3 required answers given" in page_text_of(html)


def test_autosave_counts_the_missing_file_in_the_bar_and_its_section(sent):
    vendor_client, link, csrf = sent
    response = _autosave(vendor_client, link, csrf, "s1", s1_policy="3", s1_audit="no")
    assert response.status_code == 200
    body = response.json
    assert body["files_missing"] == ["s1_policy"]
    assert (body["done"], body["total"]) == (2, 3)  # the page's script words them
    assert body["progress"] == 50  # 2 answers of 3, no file of 1
    assert body["sections"] == {"s1": {"answers": 0, "files": 1},
                                "s2": {"answers": 1, "files": 0}}
    page = vendor_client.get(link).get_data(as_text=True)
    assert "2 of 3 required answers given; 1 evidence file missing" in page_text_of(page)
    assert re.search(r'data-file-missing>', _question(page, "s1_policy"))  # shown
    assert re.search(r'data-file-missing hidden>', _question(page, "s1_audit"))
    files_badge = re.search(r'data-section="s1".*?(data-count="files"[^>]*>)', page, re.S)
    assert "hidden" not in files_badge.group(1)


def test_two_files_missing_are_counted_in_words(sent):
    vendor_client, link, csrf = sent
    _autosave(vendor_client, link, csrf, "s1", s1_policy="2", s1_audit="yes")
    body = _autosave(vendor_client, link, csrf, "s2", s2_encryption="full").json
    assert (body["done"], body["total"], len(body["files_missing"])) == (3, 3, 3)
    assert body["sections"]["s1"] == {"answers": 0, "files": 2}
    page = vendor_client.get(link).get_data(as_text=True)
    assert "3 of 3 required answers given; 3 evidence files missing" in page_text_of(page)
    assert "2 files missing" in page_text_of(page)  # the badge of section 1


def test_attaching_the_file_takes_it_off_the_count(sent):
    vendor_client, link, csrf = sent
    _autosave(vendor_client, link, csrf, "s1", s1_policy="3", s1_audit="no")
    uploaded = vendor_client.post(f"{link}/evidence/s1_policy", data={
        "section": "s1", "csrf_token": csrf,
        "file-s1_policy": (io.BytesIO(PDF), "policy.pdf")}, content_type="multipart/form-data")
    assert uploaded.status_code == 302
    assert "2 of 3 required answers given" in page_text(vendor_client.get(link))
    body = _autosave(vendor_client, link, csrf, "s1", s1_audit="no").json
    assert body["files_missing"] == []
    assert body["progress"] == 75


def test_a_refused_autosave_still_reports_the_progress(sent):
    vendor_client, link, csrf = sent
    response = _autosave(vendor_client, link, csrf, "s1", s1_policy="7")
    assert response.status_code == 400
    assert "s1_policy" in response.json["errors"]
    assert (response.json["done"], response.json["total"]) == (0, 3)
    assert response.json["files_missing"] == []


def test_the_page_carries_the_words_the_script_fills_in(sent):
    vendor_client, link, _csrf = sent
    html = vendor_client.get(link).get_data(as_text=True)
    patterns = json.loads(unescape(re.search(r'data-patterns="([^"]*)"', html).group(1)))
    assert patterns == {
        "answers": "%(done)d of %(total)d required answers given",
        "files_one": "%(done)d of %(total)d required answers given; %(num)d evidence file "
                     "missing",
        "files_other": "%(done)d of %(total)d required answers given; %(num)d evidence "
                       "files missing",
        "badge_one": "%(num)d file missing", "badge_other": "%(num)d files missing"}


def test_the_marking_follows_the_rule_the_submission_checks(app, tmp_path):
    with app.app_context():
        (version,) = load_folder(write_standard(tmp_path / "q", EVIDENCE, slug="evid")
                                 .parent.parent, actor=None, now=utcnow())
        definition = definition_of(version.version)
    for question in definition.questions.values():
        need = evidence_need(question)
        for points in range(4):
            assert wants_evidence(question, points) == bool(
                need and need.answers and points >= 2), (question.id, points)
    assert evidence_need(definition.questions["s2_encryption"]).answers == ("partial", "full")
    assert evidence_need(definition.questions["s2_notes"]) is None


def page_text_of(html: str) -> str:
    """The text a person reads of a piece of a page."""
    text = re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))
    return text.replace(" .", ".").strip()
