"""The assessment report PDF: its text read back in English and Japanese, the PDF/A-3b
variant carrying the signed snapshot, and vendor text that tries to be HTML or to make
the renderer fetch something."""

import io
import socket
import threading

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.assessments.conftest import ANSWERS, answer_and_submit, sign_off
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Snapshot


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture
def signed(app, client, auth, people, submitted):
    assessment_id, _link = submitted
    sign_off(client, auth, people, assessment_id)
    with app.app_context():
        snapshot = db.session.scalar(select(Snapshot).where(
            Snapshot.assessment_id == assessment_id))
        return assessment_id, snapshot.body, snapshot.sha256


def test_the_report_reads_back_in_english(app, client, auth, people, signed):
    assessment_id, _body, sha256 = signed
    auth.login(people.reviewer.email)
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert f'href="/reports/assessments/{assessment_id}.pdf?archival=1"' in page
    response = client.get(f"/reports/assessments/{assessment_id}.pdf?lang=en")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert f"assessment-{assessment_id}-en.pdf" in response.headers["Content-Disposition"]
    text = _text(response.data)
    for expected in ("Assessment report: Portal Test K.K.", "Mini standard (mini v1)",
                     "d1_policy Is there a policy?", "Approve", "Rita Reviewer",
                     "Aki Approver", "Page 1 of", "tier 1 when sent"):
        assert "Not signed off" not in text
        assert expected in text, expected
    assert sha256 in _flat(text)  # the snapshot's hash, wrapped or not
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "report.assessment_downloaded"))
        assert event.details["snapshot_sha256"] == sha256


def test_the_report_reads_back_in_japanese(client, auth, people, signed):
    assessment_id, _body, _sha256 = signed
    auth.login(people.approver.email)
    text = _text(client.get(f"/reports/assessments/{assessment_id}.pdf?lang=ja").data)
    for expected in ("評価報告書", "ミニ基準", "方針はありますか。", "組織", "ページ"):
        assert expected in text, expected


def test_the_archival_pdf_carries_the_signed_snapshot(client, auth, people, signed):
    assessment_id, body, _sha256 = signed
    auth.login_as(Role.AUDITOR)
    response = client.get(f"/reports/assessments/{assessment_id}.pdf?archival=1")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    assert reader.attachments["snapshot.json"] == [body.encode()]
    metadata = reader.xmp_metadata
    assert metadata is not None
    assert metadata.get_element("", "http://www.aiim.org/pdfa/ns/id/", "part") or \
        b"pdfaid:part" in reader.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_an_unsigned_assessment_says_so(client, auth, people, submitted):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    text = _text(client.get(f"/reports/assessments/{assessment_id}.pdf").data)
    assert "Not signed off: this is the record as it stands" in text


class _Listener:
    """A local TCP port that counts the connections made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.hits = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                continue
            self.hits += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join()
        self.socket.close()


def test_vendor_text_is_text_in_the_page_and_the_pdf_and_fetches_nothing(
        app, client, auth, smtp_server, people, tier1_vendor):
    listener = _Listener()
    hostile = (f'<b>bold</b><img src="http://127.0.0.1:{listener.port}/hit">'
               '<link rel="stylesheet" href="file:///etc/passwd">'
               f'<style>@import url(http://127.0.0.1:{listener.port}/css);</style>')
    try:
        assessment_id = create_and_send(client, auth, tier1_vendor)
        answer_and_submit(app, link_in(smtp_server.messages[-1]),
                          {**ANSWERS, "present-d1_notes": "1", "q-d1_notes": hostile})
        auth.login(people.reviewer.email)
        page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
        assert "&lt;img src=&#34;http://127.0.0.1" in page
        assert f'<img src="http://127.0.0.1:{listener.port}' not in page
        pdf = client.get(f"/reports/assessments/{assessment_id}.pdf")
        assert pdf.status_code == 200
        text = _flat(_text(pdf.data))
        assert _flat(f'<img src="http://127.0.0.1:{listener.port}/hit">') in text
        assert _flat('<link rel="stylesheet" href="file:///etc/passwd">') in text
        assert "root:x:0:0" not in text
    finally:
        listener.close()
    assert listener.hits == 0


def test_the_vendor_dossier_gathers_profile_contracts_assessments_and_findings(
        app, client, auth, people, signed, tier1_vendor):
    assessment_id, _body, _sha256 = signed
    auth.login_as(Role.AUDITOR)
    page = client.get(f"/vendors/{tier1_vendor.id}").get_data(as_text=True)
    assert f'href="/reports/vendors/{tier1_vendor.id}.pdf?lang=en"' in page
    response = client.get(f"/reports/vendors/{tier1_vendor.id}.pdf?lang=en")
    assert response.status_code == 200
    text = _text(response.data)
    for expected in ("Vendor dossier: Portal Test K.K.", "Tier 1", "Next review",
                     "Consignment", "Mini standard v1", "Decided", "Approve", "Page 1 of"):
        assert expected in text, expected
    assert _flat("Selection (before entrusting data)") in _flat(text)  # wrapped in its cell
    japanese = _text(client.get(f"/reports/vendors/{tier1_vendor.id}.pdf?lang=ja").data)
    assert "委託先台帳票" in japanese
    with app.app_context():
        assert db.session.scalar(select(AuditEvent.object_id).where(
            AuditEvent.action == "report.dossier_downloaded")) == str(tier1_vendor.id)
    assert assessment_id  # the signed one is in the history above


@pytest.mark.parametrize(("language", "expected", "codes"), [
    ("en", ["Individuals: Up to 1,000 individuals", "Data categories: Customer data",
            "Rita Reviewer · Reviewer ·", "Aki Approver · Approver ·"],
     ["up_to_1000", "individuals:", "· reviewer ·"]),
    ("ja", ["本人の数: 1,000人以下", "データの種類: 顧客情報", "Rita Reviewer · レビュー担当者 ·",
            "Aki Approver · 承認者 ·"], ["up_to_1000", "individuals", "reviewer ·"]),
])
def test_the_profile_and_the_signers_are_named_in_words(client, auth, people, signed,
                                                       language, expected, codes):
    assessment_id, _body, _sha256 = signed
    auth.login_as(Role.AUDITOR)
    text = " ".join(_text(client.get(
        f"/reports/assessments/{assessment_id}.pdf?lang={language}").data).split())
    for words in expected:
        assert words in text, words
    for code in codes:
        assert code not in text, code
