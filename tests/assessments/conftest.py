"""A tier 1 vendor's questionnaire answered and submitted through the portal, and the
people who review, approve and send it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests.conftest import VENDOR_BASE
from tests.portal.conftest import (
    create_and_send,
    csrf_of,
    link_in,
    vendor_with_contact,  # noqa: F401  (a fixture the tests here use)
)
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.demo import give_contracts
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.inputs import VendorInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.register import update_vendor

ANSWERS = {
    "section": "d1",
    "present-d1_policy": "1", "q-d1_policy": "3",
    "present-d1_training": "1", "q-d1_training": "2",
    "present-d1_uses_subs": "1", "q-d1_uses_subs": "yes",
    "present-d1_sub_approval": "1", "q-d1_sub_approval": "2",
    "present-d1_channels": "1", "q-d1_channels": ["phone", "mail"],
    "present-d1_encryption": "1", "q-d1_encryption": "full",
}
ATTESTATION = {"name": "Hana Sato", "title": "Privacy officer", "confirm": "yes"}


def in_days(days: int) -> str:
    return (utcnow() + timedelta(days=days)).date().isoformat()


@dataclass
class People:
    reviewer: User
    second_reviewer: User
    approver: User
    second_approver: User
    executive: User  # top management: tier 1 grade C exceptions (issue 22)


@pytest.fixture
def people(make_user) -> People:
    return People(
        reviewer=make_user(Role.REVIEWER, email="rita@example.com", name="Rita Reviewer"),
        second_reviewer=make_user(Role.REVIEWER, email="ren@example.com", name="Ren Reviewer"),
        approver=make_user(Role.APPROVER, email="aki@example.com", name="Aki Approver"),
        second_approver=make_user(Role.APPROVER, email="ayu@example.com", name="Ayu Approver"),
        executive=make_user(Role.EXECUTIVE, email="emi@example.com", name="Emi Executive"))


@pytest.fixture
def tier1_vendor(app, vendor_with_contact):  # noqa: F811  (the imported fixture)
    """The portal's test vendor, made tier 1 by severe criticality."""
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_with_contact.id)
        update_vendor(vendor, VendorInput(**{**VENDOR_BASE, "legal_name": vendor.legal_name,
                                             "criticality": "severe"}),
                      owner_id=None, actor=None, now=utcnow())
        give_contracts(vendor, actor=None, now=utcnow())  # the approval gate's contracts
        db.session.commit()
        assert vendor.tier.value == "1"
    return vendor_with_contact


def answer_and_submit(app, link: str, answers: dict | None = None) -> None:
    """As the vendor: save the answers on ``link`` and submit them."""
    vendor_client = app.test_client()
    token = {"csrf_token": csrf_of(vendor_client, link)}
    saved = vendor_client.post(f"{link}/save", data={**(answers or ANSWERS), **token})
    assert saved.status_code == 302, saved.get_data(as_text=True)
    submitted = vendor_client.post(f"{link}/submit", data={**ATTESTATION, **token})
    assert submitted.status_code == 302, submitted.get_data(as_text=True)


@pytest.fixture
def submitted(app, client, auth, smtp_server, tier1_vendor):
    """Sent by a procurement user, answered and submitted; returns (id, link)."""
    assessment_id = create_and_send(client, auth, tier1_vendor)
    link = link_in(smtp_server.messages[-1])
    answer_and_submit(app, link)
    return assessment_id, link


def raise_finding(client, assessment_id: int, *, owner_id: int, severity: str = "high",
                  description: str = "Training records incomplete.",
                  remediation: str = "Complete them.", due_in: int = 30) -> None:
    """As the logged-in reviewer: record a finding on d1_training."""
    response = client.post(f"/assessments/{assessment_id}/findings/new", data={
        "question_id": "d1_training", "evidence_id": "", "severity": severity,
        "description": description, "remediation": remediation,
        "owner_id": str(owner_id), "due_on": in_days(due_in)})
    assert response.status_code == 302, response.get_data(as_text=True)


def sign_off(client, auth, people, assessment_id, outcome="approve"):
    """Propose ``outcome`` and sign as reviewer, then as approver."""
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    assert client.post(f"{base}/propose", data={"outcome": outcome,
                                                "rationale": "Reasons."}).status_code == 302
    assert client.post(f"{base}/sign", data={"stage": "reviewer"}).status_code == 302
    auth.logout()
    auth.login(people.approver.email)
    assert client.post(f"{base}/sign", data={"stage": "approver"}).status_code == 302
    auth.logout()
