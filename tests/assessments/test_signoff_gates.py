"""Knockouts, exceptions and the contract gate before an approval — through the HTTP
client."""

from datetime import timedelta

from sqlalchemy import select

from tests.assessments.conftest import ANSWERS, answer_and_submit, in_days
from tests.assessments.signing import propose, status_of
from tests.helpers import page_text
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role
from vendorrisk.contracts.clauses import MANDATORY
from vendorrisk.contracts.services import ContractInput, create_contract, set_clauses
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

KNOCKED_OUT = {**ANSWERS, "q-d1_policy": "1"}  # a knockout below 2; 69.7 % for tier 1


def _knocked_out(app, client, auth, smtp_server, vendor) -> int:
    assessment_id = create_and_send(client, auth, vendor)
    answer_and_submit(app, link_in(smtp_server.messages[-1]), KNOCKED_OUT)
    return assessment_id


def _ask(client, assessment_id, subject, days=90):
    return client.post(f"/assessments/{assessment_id}/exceptions", data={
        "subject": subject, "rationale": "Sole supplier; policy being written.",
        "compensating_measures": "Monthly on-site checks.", "expires_on": in_days(days)})


def _decide(client, assessment_id, decision="approve", note=""):
    with client.application.app_context():
        ids = db.session.scalars(select(RiskException.id).where(
            RiskException.status == "requested")).all()
    for exception_id in ids:
        response = client.post(f"/assessments/{assessment_id}/exceptions/{exception_id}/decide",
                               data={"decision": decision, "note": note})
        assert response.status_code == 302, page_text(response)


def test_no_approval_with_a_failed_knockout_without_an_approved_exception(
        app, client, auth, smtp_server, people, tier1_vendor):
    assessment_id = _knocked_out(app, client, auth, smtp_server, tier1_vendor)
    auth.login(people.reviewer.email)
    page = page_text(client.get(f"/assessments/{assessment_id}"))
    assert ("Failed knockouts: “Is there a policy?” d1_policy (knockout scored 1, needs at "
            "least 2)") in page
    assert "recommended: Reject (or a time-boxed exception)" in page
    refused = propose(client, assessment_id)
    assert refused.status_code == 400
    assert ("Knockout “Is there a policy?” failed (knockout scored 1, needs at least 2) and has no "
            "approved, unexpired exception.") in page_text(refused)
    assert "below the tier's pass mark" in page_text(refused)

    assert _ask(client, assessment_id, "knockout:d1_policy", days=0).status_code == 400
    assert _ask(client, assessment_id, "knockout:d1_training").status_code == 400  # no gap
    assert _ask(client, assessment_id, "knockout:d1_policy").status_code == 302
    assert _ask(client, assessment_id, "below_pass").status_code == 302
    assert propose(client, assessment_id).status_code == 400  # asked for, not approved
    refused = client.post(f"/assessments/{assessment_id}/exceptions/1/decide",
                          data={"decision": "approve"})
    assert refused.status_code == 403  # a reviewer does not approve exceptions
    auth.logout()

    # Tier 1 graded C: top management accepts it, not an approver (issue 22).
    auth.login(people.approver.email)
    refused = client.post(f"/assessments/{assessment_id}/exceptions/1/decide",
                          data={"decision": "approve"})
    assert refused.status_code == 403
    assert "Only top management (an executive) may accept this exception" in \
        page_text(refused)
    auth.logout()
    auth.login(people.executive.email)
    _decide(client, assessment_id)
    auth.logout()
    auth.login(people.reviewer.email)
    assert propose(client, assessment_id).status_code == 302
    assert client.post(f"/assessments/{assessment_id}/sign",
                       data={"stage": "reviewer"}).status_code == 302
    assert "an exception is relied on" in page_text(client.get(f"/assessments/{assessment_id}"))
    auth.logout()

    # The exception expires before the approver signs: the approval is refused again.
    with app.app_context():
        for exception in db.session.scalars(select(RiskException)):
            exception.expires_on = utcnow().date() - timedelta(days=1)
        db.session.commit()
    auth.login(people.approver.email)
    refused = client.post(f"/assessments/{assessment_id}/sign", data={"stage": "approver"})
    assert refused.status_code == 400
    assert "Knockout “Is there a policy?” failed" in page_text(refused)
    assert status_of(app, assessment_id) == "awaiting_approval"


def test_an_exception_is_not_approved_by_whoever_asked_for_it(app, client, auth, smtp_server,
                                                             people, tier1_vendor, make_user):
    assessment_id = _knocked_out(app, client, auth, smtp_server, tier1_vendor)
    asker = make_user(Role.REVIEWER, Role.EXECUTIVE, email="kei@example.com")
    auth.login(asker.email)
    assert _ask(client, assessment_id, "knockout:d1_policy").status_code == 302
    refused = client.post(f"/assessments/{assessment_id}/exceptions/1/decide",
                          data={"decision": "approve"})
    assert refused.status_code == 403
    assert "another executive must decide" in page_text(refused)
    auth.logout()
    auth.login(people.executive.email)
    assert client.post(f"/assessments/{assessment_id}/exceptions/1/decide",
                       data={"decision": "refuse", "note": ""}).status_code == 400
    _decide(client, assessment_id, "refuse", "No compensating control is credible.")
    with app.app_context():
        assert db.session.get(RiskException, 1).status.value == "refused"


def test_a_rejection_needs_no_exception_and_rejects_the_vendor(app, client, auth, smtp_server,
                                                              people, tier1_vendor):
    assessment_id = _knocked_out(app, client, auth, smtp_server, tier1_vendor)
    auth.login(people.reviewer.email)
    assert propose(client, assessment_id, "reject").status_code == 302
    client.post(f"/assessments/{assessment_id}/sign", data={"stage": "reviewer"})
    auth.logout()
    auth.login(people.approver.email)  # tier 1: a rejection is signed twice too
    client.post(f"/assessments/{assessment_id}/sign", data={"stage": "approver"})
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment.status.value == "decided"
        assert assessment.vendor.status.value == "rejected"
        assert assessment.vendor.next_review_on is None


def test_an_override_upward_lifts_a_failed_knockout_in_plain_sight(
        app, client, auth, smtp_server, people, tier1_vendor):
    # Issue 22: the points that count decide a knockout; the lift is shown with the
    # reviewer's reason (tests/assessments/test_override_knockouts.py has the rest).
    assessment_id = _knocked_out(app, client, auth, smtp_server, tier1_vendor)
    auth.login(people.reviewer.email)
    assert client.post(f"/assessments/{assessment_id}/answers/d1_policy/override", data={
        "points": "3", "reason": "I say so."}).status_code == 302
    page = page_text(client.get(f"/assessments/{assessment_id}"))
    assert "Set by the reviewer: 3 of 3 (the answer gave 1)" in page
    assert "Failed knockouts" not in page
    assert ("Knockouts met only through a reviewer's override: “Is there a policy?” "
            "d1_policy (lifted by the "
            "reviewer to 3 (needs at least 2): I say so.)") in page
    assert propose(client, assessment_id, "reject").status_code == 302


def test_the_contract_gate(app, client, auth, smtp_server, people, vendor_with_contact):
    """No approval without an active NDA and a complete consignment contract — or an
    approved exception naming the gap; the refusal says exactly what is missing."""
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    answer_and_submit(app, link_in(smtp_server.messages[-1]))
    auth.login(people.reviewer.email)
    refused = propose(client, assessment_id)
    assert refused.status_code == 400
    text = page_text(refused)
    assert "There is no NDA in force" in text
    assert "There is no consignment contract or DPA in force" in text

    with app.app_context():  # the contracts are recorded, one clause short
        vendor = db.session.get(Vendor, vendor_with_contact.id)
        today = utcnow().date()
        dates = {"signed_on": today, "effective_from": today,
                 "effective_to": today + timedelta(days=364),
                 "retention_until": today + timedelta(days=2000)}
        create_contract(vendor, ContractInput(type="nda", title="NDA", **dates), actor=None,
                        now=utcnow())
        contract = create_contract(vendor, ContractInput(
            type="consignment_contract", title="Consignment", **dates), actor=None,
            now=utcnow())
        set_clauses(contract, {c.key: "Art. 1" for c in MANDATORY if c.key != "e"},
                    actor=None, now=utcnow())
        db.session.commit()
    refused = propose(client, assessment_id)
    assert refused.status_code == 400
    assert "No consignment contract or DPA in force covers every mandatory clause: " \
        "missing (e) Right to confirm compliance" in page_text(refused)
    assert "NDA" not in page_text(refused).split("cannot be signed yet")[1]

    assert _ask(client, assessment_id, "contract:clauses").status_code == 302
    auth.logout()
    auth.login(people.approver.email)
    _decide(client, assessment_id)
    auth.logout()
    auth.login(people.reviewer.email)
    assert propose(client, assessment_id).status_code == 302  # the exception covers it


def test_the_contract_gate_lifts_once_procurement_completes_the_contract(
        app, client, auth, smtp_server, make_user, people, vendor_with_contact):
    """Recorded through the contract pages: one clause short is refused by name; ticking
    it lets the reviewer propose the approval."""
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    answer_and_submit(app, link_in(smtp_server.messages[-1]))
    buyer = make_user(Role.PROCUREMENT, email="bo@example.com")
    auth.login(buyer.email)
    form = {"signed_on": in_days(-3), "effective_from": in_days(-3),
            "effective_to": in_days(300), "retention_until": in_days(3000)}
    for kind in ("nda", "consignment_contract"):
        created = client.post(f"/contracts/new/{vendor_with_contact.id}",
                              data={**form, "type": kind, "title": kind})
        assert created.status_code == 302
    contract_id = int(created.headers["Location"].rsplit("/", 1)[1])
    clauses = {f"clause-{c.key}": "Art. 4" for c in MANDATORY if c.key != "e"}
    assert client.post(f"/contracts/{contract_id}/clauses", data=clauses).status_code == 302
    auth.logout()
    auth.login(people.reviewer.email)
    refused = propose(client, assessment_id)
    assert refused.status_code == 400
    assert "No consignment contract or DPA in force covers every mandatory clause: " \
        "missing (e) Right to confirm compliance" in page_text(refused)
    auth.logout()
    auth.login(buyer.email)
    client.post(f"/contracts/{contract_id}/clauses", data={**clauses, "clause-e": "Art. 9"})
    auth.logout()
    auth.login(people.reviewer.email)
    assert propose(client, assessment_id).status_code == 302
    assert status_of(app, assessment_id) == "proposed"
