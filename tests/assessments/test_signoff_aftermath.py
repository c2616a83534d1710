"""After the decision, through the HTTP client: findings remediated through the vendor's
link, overdue findings flagged, the vendor page's history, an expired exception."""

import io
from datetime import timedelta

from sqlalchemy import select

from tests.assessments.conftest import ANSWERS, answer_and_submit, in_days, sign_off
from tests.assessments.signing import load_assessment
from tests.helpers import page_text
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.acceptance.models import RiskException
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Finding
from vendorrisk.vendors.models import Vendor


def test_findings_are_remediated_through_the_vendors_link(app, client, auth, smtp_server,
                                                          people, submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    client.post(f"{base}/findings/new", data={
        "question_id": "d1_training", "evidence_id": "", "severity": "high",
        "description": "No training for temporary staff.",
        "remediation": "Train temporary staff and keep the records.",
        "owner_id": "", "due_on": in_days(45)})
    client.post(f"{base}/propose", data={"outcome": "approve_with_conditions",
                                         "rationale": "Approve once staff are trained."})
    client.post(f"{base}/sign", data={"stage": "reviewer"})
    auth.logout()
    auth.login(people.approver.email)
    assert client.post(f"{base}/sign", data={"stage": "approver"}).status_code == 302
    with app.app_context():
        vendor = db.session.get(Vendor, load_assessment(app, assessment_id).vendor_id)
        assert vendor.status.value == "conditionally_approved"
        finding_id = db.session.scalar(select(Finding.id))

    mail = smtp_server.messages[-1]
    assert "Remediation requested" in mail["Subject"]
    link = link_in(mail)
    vendor_client = app.test_client()
    page = vendor_client.get(f"{link}/remediation")
    assert "Train temporary staff and keep the records." in page_text(page)
    token = page.get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    refused = vendor_client.post(f"{link}/remediation/{finding_id}/plan", data={
        "csrf_token": token, "plan": "Training in January.", "planned_on": in_days(30)},
        follow_redirects=True)
    assert "Confirm that you agree to the remediation." in page_text(refused)
    vendor_client.post(f"{link}/remediation/{finding_id}/plan", data={
        "csrf_token": token, "plan": "Training in January.", "planned_on": in_days(30),
        "agreed": "yes"})
    done = vendor_client.post(f"{link}/remediation/{finding_id}/complete", data={
        "csrf_token": token, "note": "All temporary staff trained.",
        "file": (io.BytesIO(b"%PDF-1.4\n% records\n%%EOF\n"), "training.pdf")},
        content_type="multipart/form-data", follow_redirects=True)
    assert "the completion has been reported" in page_text(done)

    auth.logout()
    auth.login(people.reviewer.email)
    page = page_text(client.get(base))
    assert "All temporary staff trained." in page
    assert "training.pdf" in page
    assert client.post(f"{base}/findings/{finding_id}/accept",
                       data={"note": ""}).status_code == 302
    with app.app_context():
        assert db.session.get(Finding, finding_id).status.value == "closed"
        assert [e.action for e in db.session.get(Finding, finding_id).events] == [
            "recorded", "planned", "completed", "accepted"]
        vendor = db.session.get(Vendor, load_assessment(app, assessment_id).vendor_id)
        assert vendor.status.value == "approved"  # the last condition met
    assert client.post(f"{base}/findings/{finding_id}/reopen",
                       data={"note": "The records miss the agency staff."}).status_code == 302
    with app.app_context():
        vendor = db.session.get(Vendor, load_assessment(app, assessment_id).vendor_id)
        assert vendor.status.value == "conditionally_approved"  # a condition is open again
    # The signed record still verifies: the finding's progress is not part of it.
    assert "Verified" in page_text(client.post(f"{base}/verify", follow_redirects=True))


def test_overdue_findings_are_flagged_in_the_queue(app, client, auth, people, submitted):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    client.post(f"/assessments/{assessment_id}/findings/new", data={
        "question_id": "", "evidence_id": "", "severity": "low", "description": "Old gap.",
        "remediation": "Fix it.", "owner_id": str(people.reviewer.id),
        "due_on": in_days(5)})
    with app.app_context():
        finding = db.session.scalar(select(Finding))
        finding.due_on = utcnow().date() - timedelta(days=3)
        db.session.commit()
    page = client.get("/assessments/queue/findings")
    assert "overdue" in page_text(page)
    assert "Old gap." in page_text(page)
    assert 'Findings due <span class="badge text-bg-warning">1</span>' in page.get_data(
        as_text=True)


def test_the_vendor_page_shows_the_history_and_what_changed(app, client, auth, smtp_server,
                                                          people, submitted, tier1_vendor):
    first_id, _link = submitted
    sign_off(client, auth, people, first_id)
    second_id = create_and_send(client, auth, tier1_vendor)
    answer_and_submit(app, link_in(smtp_server.messages[-1]),
                      {**ANSWERS, "q-d1_training": "3", "q-d1_channels": ["phone"]})
    auth.login(people.reviewer.email)
    page = page_text(client.get(f"/vendors/{tier1_vendor.id}"))
    assert f"Assessment {second_id} compared with assessment {first_id}" in page
    # training 2 → 3 (+3 points), channels 3 → 1 (−2): 27/33 → 28/33
    assert "Score 81.8 % → 84.8 % (+3.0 points)" in page
    assert "Which channels? d1_channels Phone, Mail Phone" in page  # labels, not codes
    assert "Is there training? d1_training 2 — in place 3 — in place with evidence" in page
    assert "d1_policy" not in page.split("compared with")[1]  # unchanged answers left out
    assert "Next review: " + utcnow().date().replace(year=utcnow().year + 1).isoformat() in page
    assert "Approve" in page  # the first one's decision in the history


def test_an_expired_exception_flags_the_vendor(app, client, auth, smtp_server, people,
                                               tier1_vendor):
    assessment_id = create_and_send(client, auth, tier1_vendor)
    answer_and_submit(app, link_in(smtp_server.messages[-1]),
                      {**ANSWERS, "q-d1_encryption": "none"})  # tier 1 knockout fails
    auth.login(people.reviewer.email)
    for subject in ("knockout:d1_encryption", "below_pass"):  # 63.6 %: below 80 % as well
        assert client.post(f"/assessments/{assessment_id}/exceptions", data={
            "subject": subject, "rationale": "Migration to encrypted storage.",
            "compensating_measures": "Access limited to two named staff.",
            "expires_on": in_days(30)}).status_code == 302
    auth.logout()
    auth.login(people.executive.email)  # tier 1 graded C: top management accepts (issue 22)
    for exception_id in (1, 2):
        assert client.post(f"/assessments/{assessment_id}/exceptions/{exception_id}/decide",
                           data={"decision": "approve"}).status_code == 302
    auth.logout()
    sign_off(client, auth, people, assessment_id)
    auth.login(people.reviewer.email)
    flag = "The exception for Knockout failed: Encryption? expired"
    assert flag not in page_text(client.get(f"/vendors/{tier1_vendor.id}"))
    with app.app_context():
        db.session.get(RiskException, 1).expires_on = utcnow().date() - timedelta(days=1)
        db.session.commit()
    assert flag in page_text(client.get(f"/vendors/{tier1_vendor.id}"))
