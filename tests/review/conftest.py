"""Vendors of every classification assessed through the real services: the small test
standard (serving every tier, out of scope too), answers given, submitted; the people who
send, review and approve."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from tests.helpers import adopt_standards
from tests.standards.conftest import VALID, write_standard
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.services import create_assessment, save_answer, send_assessment
from vendorrisk.assessments.submission import submit_assessment
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db
from vendorrisk.review.signoff import propose_decision, sign
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

EVERY_TIER = VALID.replace('tiers: ["1", "2", "3"]', 'tiers: ["1", "2", "3", "out_of_scope"]', 1)
GOOD = {"d1_policy": 3, "d1_training": 3, "d1_uses_subs": "no", "d1_channels": ["mail"],
        "d1_encryption": "full"}


@dataclass
class Staff:
    sender: User
    reviewer: User
    approver: User


@pytest.fixture
def staff(app, make_user, tmp_path) -> Staff:
    """The people, and the standard every vendor's questionnaire uses."""
    people = Staff(make_user(Role.PROCUREMENT, email="sam@example.com", name="Sam Sender"),
                   make_user(Role.REVIEWER, email="rio@example.com", name="Rio Reviewer"),
                   make_user(Role.APPROVER, email="ami@example.com", name="Ami Approver"))
    with app.app_context():
        load_folder(write_standard(tmp_path / "every", EVERY_TIER).parent.parent, actor=None,
                    now=datetime.now().astimezone())
        adopt_standards(now=datetime.now().astimezone())
        db.session.commit()
    return people


def submitted(vendor: Vendor, sender: User, now: datetime,
              answers: dict[str, object] | None = None) -> Assessment:
    """``vendor``'s selection questionnaire sent, answered with ``answers``, submitted."""
    if not vendor.contacts:
        add_contact(vendor, ContactInput(name="Hana Sato", email=f"hana{vendor.id}@v.example",
                                         language="en"), primary=True, actor=None, now=now)
    assessment = create_assessment(vendor, kind="selection", version=None, version_reason="",
                                   due_on=(now + timedelta(days=14)).date(),
                                   contacts=vendor.contacts[:1], actor=sender, now=now)
    send_assessment(assessment, actor=sender, now=now)
    respondent = assessment.respondents[0]
    for question_id, value in (GOOD if answers is None else answers).items():
        save_answer(assessment, respondent, question_id, value=value, not_applicable=False,
                    justification="", comment="", expected_version=None, now=now)
    submit_assessment(assessment, respondent, name="Hana Sato", title="Privacy officer",
                      confirmed=True, now=now)
    return assessment


def approve(assessment: Assessment, people: Staff, now: datetime,
            outcome: str = "approve") -> None:
    """Propose ``outcome`` and sign as reviewer, then as approver if still due."""
    reviewer = db.session.merge(people.reviewer)
    propose_decision(assessment, outcome=outcome, rationale="Reasons.", actor=reviewer,
                     now=now)
    sign(assessment, stage="reviewer", actor=reviewer, now=now)
    if assessment.status.value == "awaiting_approval":
        sign(assessment, stage="approver", actor=db.session.merge(people.approver), now=now)


def vendor_named(vendor_id: int) -> Vendor:
    return db.session.scalar(select(Vendor).where(Vendor.id == vendor_id))
