"""Carried-over answers, end to end: the scheduler's reassessment starts from the last
signed answers (a lapsed certificate's file stays behind), the invitation says so, the
vendor must confirm or change each one before submitting, and the reviewer sees what
changed since last time."""

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.helpers import adopt_standards, page_text, table_snapshot
from tests.portal.conftest import csrf_of, link_in
from tests.standards.conftest import CERTIFIED, write_standard
from tests.supervision.conftest import approved_vendor
from vendorrisk.assessments.models import Answer, Assessment, EvidenceFile
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.standards.services import load_folder
from vendorrisk.supervision.runner import run_job


def _answer(assessment: Assessment, qid: str, value, now) -> None:  # noqa: ANN001
    assessment.answers.append(Answer(question_id=qid, value=value, version=3, updated_at=now))


def _file(assessment: Assessment, qid: str, name: str, data: bytes, now) -> None:  # noqa: ANN001
    assessment.evidence.append(EvidenceFile(
        question_id=qid, sha256=storage().put(data), filename=name,
        content_type="application/pdf", size=len(data), uploaded_at=now))


@pytest.fixture
def reassessment(app, tmp_path, smtp_server, make_user):
    """A tier 1 vendor approved almost a year ago on the certified standard, its
    PrivacyMark lapsed ten days ago; the scheduler's reviews job has sent the yearly
    reassessment. Returns (vendor id, reassessment id, source id, portal link)."""
    make_user(Role.REVIEWER, email="rita@example.com")
    now = utcnow()
    decided_on = (now - timedelta(days=360)).date()
    with app.app_context():
        load_folder(write_standard(tmp_path / "q", CERTIFIED, slug="certified").parent.parent,
                    actor=None, now=now - timedelta(days=400))
        adopt_standards(now=now - timedelta(days=400))
        vendor = approved_vendor("Carry K.K.", "1", decided_on)
        source = db.session.scalar(select(Assessment).where(Assessment.vendor_id == vendor.id))
        for qid, value in {"d1_policy": 3, "d1_training": 2, "d1_channels": ["phone", "mail"],
                           "d2_privacymark": 3,
                           "d2_privacymark_expiry": (now - timedelta(days=10)).date().isoformat()
                           }.items():
            _answer(source, qid, value, now - timedelta(days=361))
        _file(source, "d1_handbook", "handbook.pdf", b"%PDF-1.4 handbook", now)
        _file(source, "d2_privacymark", "pmark-2024.pdf", b"%PDF-1.4 old certificate", now)
        _answer(source, "d1_handbook", [source.evidence[0].sha256], now)
        db.session.commit()
        assert run_job("reviews", now).counts == {"sent_periodic": 1}
        assert run_job("outbox", now).counts["delivered"] == 1
        new = db.session.scalar(select(Assessment).where(Assessment.kind == "periodic"))
        ids = (vendor.id, new.id, source.id)
    return (*ids, link_in(smtp_server.messages[-1]))


def test_the_reassessment_starts_from_the_last_signed_answers(app, smtp_server, reassessment):
    _vendor_id, new_id, source_id, _link = reassessment
    with app.app_context():
        new = db.session.get(Assessment, new_id)
        assert new.carried_from_id == source_id
        answers = {answer.question_id: (answer.value, answer.carried_over)
                   for answer in new.answers}
        # The lapsed expiry date stays behind, to be given again; the rest is carried.
        assert set(answers) == {"d1_policy", "d1_training", "d1_channels", "d2_privacymark",
                                "d1_handbook"}
        assert answers["d1_channels"] == (["phone", "mail"], True)
        # The handbook comes along; the lapsed certificate's file does not.
        assert [(f.filename, f.carried_over) for f in new.evidence] == [("handbook.pdf", True)]
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "assessment.carried_over"))
        assert (event.details["answers"], event.details["files"]) == (5, 1)
        assert list(event.details["lapsed"]) == ["d2_privacymark"]
    body = smtp_server.messages[-1].get_body(preferencelist=("plain",)).get_content()
    assert "your answers from your last assessment (decided on" in body
    assert "Confirm each one that is still true, or change it" in body


def test_the_vendor_confirms_or_changes_each_before_submitting(app, client, auth,
                                                               reassessment):
    _vendor_id, new_id, _source_id, link = reassessment
    vendor = app.test_client()
    csrf = {"csrf_token": csrf_of(vendor, link)}
    page = page_text(vendor.get(link))
    assert "We have filled in your answers from your last assessment" in page
    assert "5 still to confirm" in page
    assert page.count("Carried over from your last assessment — confirm or change.") == 4
    assert "(from your last assessment)" in page  # the handbook
    certificate = page_text(vendor.get(f"{link}?section=d2"))
    assert "The file you gave last time was valid until" in certificate
    assert "attach a current one" in certificate

    # The new certificate and its date; the PrivacyMark answer itself is still to confirm.
    attached = vendor.post(f"{link}/evidence/d2_privacymark", data={
        **csrf, "section": "d2", "present-d2_privacymark_expiry": "1",
        "q-d2_privacymark_expiry": "2029-03-31",
        "file-d2_privacymark": (io.BytesIO(b"%PDF-1.4 new"), "pmark-2027.pdf")},
        content_type="multipart/form-data")
    assert attached.status_code == 302, attached.get_data(as_text=True)

    with app.app_context():
        before = table_snapshot()
    refused = vendor.post(f"{link}/submit", data={**csrf, "name": "Hana", "title": "DPO",
                                                  "confirm": "yes"}, follow_redirects=True)
    assert (refused.status_code, refused.request.path) == (200, f"{link}/submit")  # PRG
    assert "5 answers carried over from your last assessment still need you to confirm " \
           "or change them." in page_text(refused)
    to_do = page_text(vendor.get(f"{link}/submit"))
    assert "confirm or change each one:" in to_do
    assert "Which channels?" in to_do  # each one named, with a link to it
    with app.app_context():
        after = table_snapshot()
        for table in ("assessments", "assessment_answers"):
            assert after[table] == before[table]

    # Section d1: training got worse (a change), policy confirmed, channels left open.
    saved = vendor.post(f"{link}/save", data={
        **csrf, "section": "d1",
        "present-d1_policy": "1", "q-d1_policy": "3", "keep-d1_policy": "yes",
        "present-d1_training": "1", "q-d1_training": "1",
        "present-d1_channels": "1", "q-d1_channels": ["phone", "mail"],
        "present-d1_handbook": "1", "keep-d1_handbook": "yes"})
    assert saved.status_code == 302
    with app.app_context():
        pending = {a.question_id for a in db.session.get(Assessment, new_id).answers
                   if a.carried_over}
        assert pending == {"d1_channels", "d2_privacymark"}
        handbook = next(a for a in db.session.get(Assessment, new_id).answers
                        if a.question_id == "d1_handbook")
        assert handbook.value is not None  # a section save keeps a file question's files
    # One button confirms the rest of a section.
    assert vendor.post(f"{link}/save", data={
        **csrf, "section": "d1", "confirm_all": "yes",
        "present-d1_channels": "1", "q-d1_channels": ["phone", "mail"]}).status_code == 302
    assert vendor.post(f"{link}/save", data={
        **csrf, "section": "d2", "confirm_all": "yes", "present-d2_privacymark": "1",
        "q-d2_privacymark": "3"}).status_code == 302
    submitted = vendor.post(f"{link}/submit", data={**csrf, "name": "Hana", "title": "DPO",
                                                    "confirm": "yes"})
    assert submitted.status_code == 302, page_text(submitted)

    # The reviewer sees what changed since last time, and what was confirmed.
    auth.login("rita@example.com")
    review = page_text(client.get(f"/assessments/{new_id}"))
    assert "This reassessment started from the answers of the assessment decided on" in review
    # training and the new expiry date changed; policy, channels, PrivacyMark, handbook not
    assert "2 answers changed, 4 confirmed unchanged." in review
    assert review.count("changed since last time") == 2
    assert "was: 2" in review
    assert "carried over, uploaded" in review  # the handbook's file
