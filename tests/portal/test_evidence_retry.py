"""A retried upload (the answer to the first was lost) attaches the file once: the same
content to the same question returns the file already there (issue 28, finding 6)."""

import io

from sqlalchemy import func, select

from tests.portal.conftest import create_and_send, csrf_of, link_in
from vendorrisk.assessments.models import Answer, EvidenceFile
from vendorrisk.audit.models import AuditEvent
from vendorrisk.foundation.extensions import db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _portal(app, client, auth, smtp_server, vendor):
    create_and_send(client, auth, vendor)
    link = link_in(smtp_server.messages[0])
    respondent = app.test_client()
    token = csrf_of(respondent, link)

    def upload(question_id: str, data: bytes = PDF):
        return respondent.post(f"{link}/evidence/{question_id}", data={
            "section": "d1", "csrf_token": token,
            f"file-{question_id}": (io.BytesIO(data), "policy.pdf")},
            content_type="multipart/form-data")

    return respondent, link, token, upload


def _state(app) -> tuple[list[tuple[str, str]], int, list[tuple[str, int]]]:
    """The files kept, the evidence_added events and the file answers' versions."""
    with app.app_context():
        files = [(item.question_id, item.sha256[:8]) for item in db.session.scalars(
            select(EvidenceFile).where(EvidenceFile.removed_at.is_(None))
            .order_by(EvidenceFile.id))]
        events = db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "assessment.evidence_added"))
        answers = [(answer.question_id, answer.version) for answer in db.session.scalars(
            select(Answer).where(Answer.question_id == "d1_policy_file"))]
        return files, events, answers


def test_the_same_file_uploaded_again_to_a_question_is_kept_once(
        app, client, auth, smtp_server, vendor_with_contact):
    _respondent, _link, _token, upload = _portal(app, client, auth, smtp_server,
                                                 vendor_with_contact)
    assert upload("d1_policy_file").status_code == 302
    first = _state(app)
    retry = upload("d1_policy_file")
    assert retry.status_code == 302
    assert _state(app) == first
    assert len(first[0]) == 1
    assert first[1] == 1


def test_the_same_content_on_another_question_or_after_removal_is_a_new_file(
        app, client, auth, smtp_server, vendor_with_contact):
    respondent, link, token, upload = _portal(app, client, auth, smtp_server,
                                              vendor_with_contact)
    assert upload("d1_policy_file").status_code == 302
    assert upload("d1_notes").status_code == 302  # another question: its own file
    assert upload("d1_policy_file", PDF + b"\n").status_code == 302  # other content
    files, events, _answers = _state(app)
    assert [question for question, _sha in files] == ["d1_policy_file", "d1_notes",
                                                      "d1_policy_file"]
    assert events == 3
    with app.app_context():
        first_id = db.session.scalars(select(EvidenceFile.id).order_by(EvidenceFile.id)).first()
    removed = respondent.post(f"{link}/evidence/{first_id}/remove",
                              data={"section": "d1", "csrf_token": token})
    assert removed.status_code == 302
    assert upload("d1_policy_file").status_code == 302  # attached again, deliberately
    files, events, _answers = _state(app)
    assert len(files) == 3
    assert events == 4
