"""Issue 22, item 3: a tier 1 vendor graded C goes ahead only as a time-boxed exception
accepted by top management (DOMAIN §6). An approver is refused; an executive who did not
ask for it accepts it, within EXCEPTION_MAX_DAYS, and the approval then goes through."""

import io
import json
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.assessments.conftest import ANSWERS, answer_and_submit, in_days
from tests.helpers import page_text, table_snapshot
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.models import Assessment
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Snapshot

KNOCKED_OUT = {**ANSWERS, "q-d1_policy": "1"}  # a failed knockout, 69.7 %: grade C
TOP_ONLY = ("Only top management (an executive) may accept this exception: it would let a "
            "tier 1 vendor graded C go ahead (a failed knockout or a score below the pass "
            "mark).")


def _knocked_out(app, client, auth, smtp_server, vendor) -> int:
    assessment_id = create_and_send(client, auth, vendor)
    answer_and_submit(app, link_in(smtp_server.messages[-1]), KNOCKED_OUT)
    return assessment_id


def _ask(client, assessment_id, subject, expires_on):
    return client.post(f"/assessments/{assessment_id}/exceptions", data={
        "subject": subject, "rationale": "Sole supplier; the policy is being written.",
        "compensating_measures": "Monthly on-site checks.", "expires_on": expires_on})


def _decide(client, assessment_id, exception_id, decision="approve", note=""):
    return client.post(f"/assessments/{assessment_id}/exceptions/{exception_id}/decide",
                       data={"decision": decision, "note": note})


def _ids(app) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(select(RiskException.id).order_by(RiskException.id)))


def test_only_top_management_accepts_a_tier1_grade_c_exception(app, client, auth, smtp_server,
                                                               people, tier1_vendor):
    assessment_id = _knocked_out(app, client, auth, smtp_server, tier1_vendor)
    auth.login(people.reviewer.email)
    for subject in ("knockout:d1_policy", "below_pass"):
        assert _ask(client, assessment_id, subject, in_days(90)).status_code == 302
    assert "Waiting for top management" in page_text(client.get(f"/assessments/{assessment_id}"))
    auth.logout()

    # The way around: an approver accepts it. Refused, with the sentence; nothing changes.
    auth.login(people.approver.email)
    queue = page_text(client.get("/assessments/queue/approval"))
    assert "No exception waits for a decision." in queue
    page = client.get(f"/assessments/{assessment_id}").get_data(as_text=True)
    assert "/exceptions/1/decide" not in page  # no button for them
    with app.app_context():
        before = table_snapshot()
    for exception_id in _ids(app):
        refused = _decide(client, assessment_id, exception_id)
        assert refused.status_code == 403
        assert TOP_ONLY in page_text(refused)
        assert _decide(client, assessment_id, exception_id, "refuse", "No.").status_code == 403
    with app.app_context():
        assert table_snapshot() == before
    auth.logout()

    # The legitimate path: top management sees them waiting and accepts them.
    auth.login(people.executive.email)
    dashboard = page_text(client.get("/dashboard/"))
    assert "To approve 2" in dashboard
    queue = page_text(client.get("/assessments/queue/approval"))
    assert "Decisions to sign" not in queue
    assert ("Knockout failed: Is there a policy? top management accepts: tier 1, grade C"
            in queue)
    for exception_id in _ids(app):
        assert _decide(client, assessment_id, exception_id).status_code == 302
    assert "No exception waits for a decision." in page_text(
        client.get("/assessments/queue/approval"))
    auth.logout()
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "exception.approved"))
        assert event.actor_id == people.executive.id
        assert event.details["authority"] == "executive"

    # The approval then goes through: the reviewer, then an approver, sign.
    auth.login(people.reviewer.email)
    assert client.post(f"/assessments/{assessment_id}/propose", data={
        "outcome": "approve", "rationale": "Accepted by top management."}).status_code == 302
    assert client.post(f"/assessments/{assessment_id}/sign",
                       data={"stage": "reviewer"}).status_code == 302
    auth.logout()
    auth.login(people.approver.email)
    assert client.post(f"/assessments/{assessment_id}/sign",
                       data={"stage": "approver"}).status_code == 302
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        assert assessment.status.value == "decided"
        assert assessment.vendor.status.value == "approved"
        snapshot = db.session.scalar(select(Snapshot).where(
            Snapshot.assessment_id == assessment_id))
        exceptions = json.loads(snapshot.body)["exceptions"]
    assert {e["decided_by"] for e in exceptions} == {people.executive.id}
    assert {e["expires_on"] for e in exceptions} == {in_days(90)}
    pdf = client.get(f"/reports/assessments/{assessment_id}.pdf?lang=en")
    assert pdf.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Emi Executive" in text  # who accepted the exceptions, in the signed report


def test_the_executive_does_not_accept_what_they_asked_for(app, client, auth, smtp_server,
                                                           people, tier1_vendor, make_user):
    assessment_id = _knocked_out(app, client, auth, smtp_server, tier1_vendor)
    both = make_user(Role.REVIEWER, Role.EXECUTIVE, email="kei@example.com")
    auth.login(both.email)
    assert _ask(client, assessment_id, "below_pass", in_days(30)).status_code == 302
    refused = _decide(client, assessment_id, _ids(app)[0])
    assert refused.status_code == 403
    assert "You asked for this exception; another executive must decide on it." in \
        page_text(refused)


def test_exceptions_of_other_tiers_stay_with_the_approvers(app, client, auth, smtp_server,
                                                          people, vendor_with_contact):
    assessment_id = _knocked_out(app, client, auth, smtp_server, vendor_with_contact)
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).tier == "2"
    auth.login(people.reviewer.email)
    assert _ask(client, assessment_id, "knockout:d1_policy", in_days(30)).status_code == 302
    auth.logout()
    auth.login(people.executive.email)
    refused = _decide(client, assessment_id, _ids(app)[0])
    assert refused.status_code == 403
    assert "Only approvers decide on exceptions." in page_text(refused)
    auth.logout()
    auth.login(people.approver.email)
    assert _decide(client, assessment_id, _ids(app)[0]).status_code == 302


def test_an_exception_longer_than_the_maximum_is_refused(app, client, auth, smtp_server,
                                                        people, tier1_vendor):
    assessment_id = _knocked_out(app, client, auth, smtp_server, tier1_vendor)
    auth.login(people.reviewer.email)
    page = page_text(client.get(f"/assessments/{assessment_id}"))
    assert f"At most 365 days from today (on or before {in_days(365)})." in page
    with app.app_context():
        before = table_snapshot()
    refused = _ask(client, assessment_id, "knockout:d1_policy", in_days(366))
    assert refused.status_code == 400
    assert (f"An exception may last at most 365 days: choose an expiry date on or before "
            f"{in_days(365)}.") in page_text(refused)
    missing = _ask(client, assessment_id, "knockout:d1_policy", "")
    assert missing.status_code == 400
    assert "An exception must expire, on a date in the future." in page_text(missing)
    with app.app_context():
        assert table_snapshot() == before
    assert _ask(client, assessment_id, "knockout:d1_policy", in_days(365)).status_code == 302


def test_a_lowered_maximum_refuses_the_approval_of_a_longer_exception(
        app, client, auth, smtp_server, people, tier1_vendor):
    assessment_id = _knocked_out(app, client, auth, smtp_server, tier1_vendor)
    auth.login(people.reviewer.email)
    assert _ask(client, assessment_id, "below_pass", in_days(200)).status_code == 302
    auth.logout()
    app.config["EXCEPTION_MAX_DAYS"] = 90  # the setting was lowered meanwhile
    auth.login(people.executive.email)
    refused = _decide(client, assessment_id, _ids(app)[0])
    assert refused.status_code == 400
    assert (f"An exception may last at most 90 days: choose an expiry date on or before "
            f"{in_days(90)}.") in page_text(refused)
    with app.app_context():
        assert db.session.get(RiskException, _ids(app)[0]).status.value == "requested"


@pytest.mark.parametrize("app", [{"EXCEPTION_MAX_DAYS": 30}], indirect=True)
def test_the_end_of_contract_exception_is_time_boxed_too(app, client, auth, people, make_user,
                                                         vendor_with_contact):
    procurement = make_user(Role.PROCUREMENT, email="pia@example.com")
    auth.login(procurement.email)
    today = utcnow().date()
    ended = client.post(f"/contracts/terminate/{vendor_with_contact.id}", data={
        "terminated_on": today.isoformat(),
        "due_on": (today + timedelta(days=30)).isoformat(), "reason": "Moving in-house."})
    assert ended.status_code == 302, page_text(ended)
    termination_id = int(ended.headers["Location"].rsplit("/", 1)[1])
    auth.logout()
    auth.login(people.approver.email)
    data = {"rationale": "The vendor has been liquidated.",
            "compensating_measures": "Liquidator's letter on file.",
            "expires_on": (today + timedelta(days=31)).isoformat()}
    refused = client.post(f"/contracts/terminations/{termination_id}/exceptions", data=data)
    assert refused.status_code == 400
    assert "An exception may last at most 30 days" in page_text(refused)
    assert _ids(app) == []
    data["expires_on"] = (today + timedelta(days=30)).isoformat()
    assert client.post(f"/contracts/terminations/{termination_id}/exceptions",
                       data=data).status_code == 302


def test_the_doors_to_exceptions_are_the_staff_pages(app):
    """Exceptions are asked for and decided on the assessment page and the end-of-contract
    page (both tested above), whose services check the authority and the duration; the
    JSON API and the command line have no way to ask for or decide one."""
    api = [rule.rule for rule in app.url_map.iter_rules()
           if rule.endpoint.startswith("api.") and "exception" in rule.rule]
    assert api == []
    assert not any("exception" in name for name in app.cli.list_commands(None))
