"""Certificates a vendor gave with its signed answers: notices before one expires, and a
triggered reassessment once it has lapsed — each once, and none after a renewal."""

from datetime import date, timedelta

from sqlalchemy import select

from tests.helpers import adopt_standards
from tests.standards.conftest import CERTIFIED, write_standard
from tests.supervision.conftest import approved_vendor, at
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.assessments.workflow import State
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.standards.services import load_folder
from vendorrisk.supervision.runner import run_job

DAY = date(2027, 3, 1)
EXPIRES = DAY + timedelta(days=30)


def _certified_vendor(tmp_path) -> int:  # noqa: ANN001
    load_folder(write_standard(tmp_path / "q", CERTIFIED, slug="certified").parent.parent,
                actor=None, now=at(DAY - timedelta(days=200)))
    adopt_standards(now=at(DAY - timedelta(days=200)))
    vendor = approved_vendor("Certified K.K.", "2", DAY - timedelta(days=100))
    signed = db.session.scalar(select(Assessment).where(Assessment.vendor_id == vendor.id))
    for qid, value in {"d1_policy": 3, "d2_privacymark": 3,
                       "d2_privacymark_expiry": EXPIRES.isoformat()}.items():
        signed.answers.append(Answer(question_id=qid, value=value, version=1,
                                     updated_at=at(DAY - timedelta(days=101))))
    db.session.commit()
    return vendor.id


def _notices() -> list[str]:
    return list(db.session.scalars(select(OutboxMessage.subject).where(
        OutboxMessage.kind == "supervision_notice").order_by(OutboxMessage.id)))


def test_a_certificate_about_to_expire_is_noticed_at_each_offset_once(app, tmp_path,
                                                                     make_user):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        _certified_vendor(tmp_path)
        assert run_job("notices", at(DAY - timedelta(days=31))).counts == {}  # 61 days left
        for day in (DAY - timedelta(days=30), DAY - timedelta(days=29), DAY, DAY,
                    EXPIRES - timedelta(days=7)):
            run_job("notices", at(day))
        assert _notices() == ["Certified K.K.: a certificate expires on 2027-03-31"] * 3
        body = db.session.scalar(select(OutboxMessage.body_text).where(
            OutboxMessage.kind == "supervision_notice"))
        assert "The certificate Certified K.K. gave for “The certificate” expires on " \
               "2027-03-31 (in 60 days)" in body


def test_a_lapsed_certificate_opens_one_reassessment_without_its_file(app, tmp_path):
    with app.app_context():
        vendor_id = _certified_vendor(tmp_path)
        assert run_job("triggers", at(EXPIRES)).counts == {}  # valid through its last day
        after = EXPIRES + timedelta(days=1)
        assert run_job("triggers", at(after)).counts == {"sent_triggered": 1}
        assert run_job("triggers", at(after + timedelta(days=1))).counts == {}
        triggered = db.session.scalar(select(Assessment).where(
            Assessment.vendor_id == vendor_id, Assessment.kind == "triggered"))
        reasons = db.session.scalars(select(AuditEvent.details).where(
            AuditEvent.action == "supervision.triggered")).all()
        assert [reason["reason"] for reason in reasons] == [
            "certificate lapsed: d2_privacymark 2027-03-31"]
        assert reasons[0]["params"] == {"question_id": "d2_privacymark",
                                        "expires_on": "2027-03-31"}
        # It starts from the signed answers, less the lapsed date.
        assert sorted(a.question_id for a in triggered.answers) == ["d1_policy",
                                                                     "d2_privacymark"]

        # Renewed: the reassessment is signed with a new date; nothing more is triggered.
        triggered.answers.append(Answer(question_id="d2_privacymark_expiry",
                                        value="2029-03-31", version=1, updated_at=at(after)))
        triggered.status, triggered.decided_at = State.DECIDED, at(after + timedelta(days=5))
        db.session.commit()
        assert run_job("triggers", at(after + timedelta(days=6))).counts == {}
        assert run_job("notices", at(after + timedelta(days=6))).counts == {}
