"""Saving an answer again: one UPDATE, the earlier value kept by the database."""

from datetime import timedelta

from sqlalchemy import select

from vendorrisk.assessments.models import Answer, AnswerRevision, Assessment
from vendorrisk.assessments.services import create_assessment, save_answer, send_assessment
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor


def test_each_save_keeps_the_value_it_replaced(app, vendor_with_contact):
    now = utcnow()
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_with_contact.id)
        assessment = create_assessment(vendor, kind="selection", version=None,
                                       version_reason="", due_on=(now + timedelta(days=9))
                                       .date(), contacts=vendor.contacts, actor=None, now=now)
        send_assessment(assessment, actor=None, now=now)
        respondent = assessment.respondents[0]
        for value in (["phone"], ["phone", "mail"], ["mail"]):
            answer = save_answer(assessment, respondent, "d1_channels", value=value,
                                 not_applicable=False, justification="", comment="",
                                 expected_version=None, now=now)
        assert (answer.version, answer.value) == (3, ["mail"])  # the object follows the row
        db.session.commit()
        assessment_id = assessment.id
    with app.app_context():  # read back in a new session: what the database holds
        stored = db.session.scalar(select(Answer).join(Assessment)
                                   .where(Assessment.id == assessment_id))
        assert (stored.version, stored.value, stored.updated_by.name) == (
            3, ["mail"], "Hana Sato")
        kept = db.session.execute(select(AnswerRevision.version, AnswerRevision.value)
                                  .order_by(AnswerRevision.version)).all()
        assert [tuple(row) for row in kept] == [(1, ["phone"]), (2, ["phone", "mail"])]
