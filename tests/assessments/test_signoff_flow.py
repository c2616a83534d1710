"""End to end through the HTTP client: review, return, resubmit, propose, two signatures,
the snapshot, and nothing changing afterwards."""

import io
from datetime import timedelta

from sqlalchemy import select

from tests.assessments.conftest import ANSWERS, answer_and_submit, in_days, sign_off
from tests.helpers import page_text
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.models import Answer, AnswerReview, Assessment
from vendorrisk.audit.services import verify_chain
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Finding, Signature, Snapshot
from vendorrisk.review.snapshot import digest
from vendorrisk.vendors.models import Vendor


def _assessment(app, assessment_id):
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        db.session.expunge(assessment)
        return assessment


def test_submitted_to_approved_with_two_signatures(app, client, auth, smtp_server, people,
                                                   submitted, runner):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    page = page_text(client.get(base))
    # (2×3 + 3×2 + 3×2 + 1×3 + 2×3) / 33: tier 1 passes at 80 %, grade A needs 85 %.
    assert "81.8 % (27 / 33) · grade B" in page
    assert "Residual risk high · recommended: Approve with conditions" in page
    assert "d1_training Is there training? 2 2 × 3 maturity 2" in page

    # One override, with its justification; the score follows and the original stays.
    assert client.post(f"{base}/answers/d1_channels/override", data={
        "points": "", "reason": "x"}).status_code == 302  # clearing nothing is harmless
    refused = client.post(f"{base}/answers/d1_channels/override", data={"points": "2",
                                                                          "reason": " "})
    assert refused.status_code == 400
    assert "Give the justification for the override." in page_text(refused)
    assert client.post(f"{base}/answers/d1_channels/override", data={
        "points": "2", "reason": "Only the phone channel was verified."}).status_code == 302
    page = page_text(client.get(base))
    assert "overridden by the reviewer: 2 (was 3)" in page
    assert "Only the phone channel was verified." in page
    assert _assessment(app, assessment_id).status.value == "in_review"

    # One finding, and the answer it concerns needs more information.
    finding = client.post(f"{base}/findings/new", data={
        "question_id": "d1_training", "evidence_id": "", "severity": "medium",
        "description": "Training records cover only permanent staff.",
        "remediation": "Extend training records to temporary staff.",
        "owner_id": str(people.reviewer.id), "due_on": in_days(60)})
    assert finding.status_code == 302, page_text(finding)
    assert client.post(f"{base}/answers/d1_training/mark", data={
        "mark": "needs_information", "note": "Attach the training log."}).status_code == 302

    # Returned for revision with that remark; the vendor revises and resubmits.
    returned = client.post(f"{base}/return",
                           data={"remark-d1_training": "Attach the training log."})
    assert returned.status_code == 302
    assert _assessment(app, assessment_id).status.value == "returned"
    new_link = link_in(smtp_server.messages[-1])
    answer_and_submit(app, new_link, {**ANSWERS, "q-d1_training": "3",
                                      "ver-d1_training": "1"})
    assert _assessment(app, assessment_id).status.value == "submitted"

    # Proposed; the page shows why an approver must sign too.
    proposed = client.post(f"{base}/propose", data={
        "outcome": "approve", "rationale": "Strong controls; one training gap to fix."})
    assert proposed.status_code == 302, page_text(client.get(base))
    assert _assessment(app, assessment_id).status.value == "proposed"
    page = page_text(client.get(base))
    assert "87.9 % (29 / 33) · grade A" in page  # training now 3, channels overridden to 2
    assert "tier 1 vendor" in page

    # The reviewer signs; the vendor is not decided yet.
    assert client.post(f"{base}/sign", data={"stage": "reviewer"}).status_code == 302
    assert _assessment(app, assessment_id).status.value == "awaiting_approval"
    auth.logout()

    auth.login(people.approver.email)
    assert "Awaiting approval" in page_text(client.get("/assessments/queue/approval"))
    assert client.post(f"{base}/sign", data={"stage": "approver"}).status_code == 302
    decided = _assessment(app, assessment_id)
    assert decided.status.value == "decided"
    with app.app_context():
        vendor = db.session.get(Vendor, decided.vendor_id)
        assert vendor.status.value == "approved"
        today = utcnow().date()
        assert vendor.next_review_on == today.replace(year=today.year + 1)
        snapshot = db.session.scalar(select(Snapshot).where(
            Snapshot.assessment_id == assessment_id))
        assert digest(snapshot.body) == snapshot.sha256
        assert '"override_points":2' in snapshot.body
        assert '"outcome":"approve"' in snapshot.body
        signers = db.session.scalars(select(Signature.user_id).where(
            Signature.assessment_id == assessment_id).order_by(Signature.id)).all()
        assert signers == [people.reviewer.id, people.approver.id]
        sha = snapshot.sha256

    # The hash is shown and verifies, by the button and by the command.
    page = page_text(client.get(base))
    assert sha in page
    verified = client.post(f"{base}/verify", follow_redirects=True)
    assert "Verified: the signed record hashes to" in page_text(verified)
    result = runner.invoke(args=["assessments", "verify", str(assessment_id)])
    assert result.exit_code == 0, result.output
    assert sha in result.output

    # After sign-off nothing in the assessment changes: every attempt is 409.
    attempts = [
        (f"{base}/answers/d1_policy/override", {"points": "0", "reason": "late"}),
        (f"{base}/answers/d1_policy/mark", {"mark": "accepted", "note": ""}),
        (f"{base}/findings/new", {"question_id": "", "evidence_id": "", "severity": "low",
                                  "description": "x", "remediation": "y", "owner_id": "",
                                  "due_on": in_days(10)}),
        (f"{base}/propose", {"outcome": "reject", "rationale": "changed my mind"}),
        (f"{base}/sign", {"stage": "approver"}),
        (f"{base}/return", {"remark-d1_policy": "again"}),
        (f"{base}/exceptions", {"subject": "below_pass", "rationale": "r",
                                "compensating_measures": "m", "expires_on": in_days(30)}),
        (f"{base}/decline", {"note": "no"}),
        (f"{base}/cancel", {}),
    ]
    auth.logout()
    auth.login(people.second_approver.email)
    for url, data in attempts:
        response = client.post(url, data=data)
        assert response.status_code in (403, 409), (url, response.status_code)
        assert response.status_code == 409 or url.endswith("/cancel"), url
    with app.app_context():
        reviews = db.session.scalars(select(AnswerReview).where(
            AnswerReview.assessment_id == assessment_id)).all()
        assert {r.question_id: r.override_points for r in reviews}["d1_channels"] == 2
        assert db.session.scalar(select(Finding.id).where(
            Finding.assessment_id == assessment_id, Finding.severity == "low")) is None
        assert db.session.get(Assessment, assessment_id).decision.value == "approve"
        count, broken = verify_chain()
        assert broken is None
        assert count > 20
    assert runner.invoke(args=["assessments", "verify", str(assessment_id)]).exit_code == 0


def test_a_change_behind_the_applications_back_is_caught(app, client, auth, people,
                                                          submitted, runner):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    client.post(f"{base}/propose", data={"outcome": "approve", "rationale": "Fine."})
    client.post(f"{base}/sign", data={"stage": "reviewer"})
    auth.logout()
    auth.login(people.approver.email)
    client.post(f"{base}/sign", data={"stage": "approver"})
    assert _assessment(app, assessment_id).status.value == "decided"
    with app.app_context():  # someone edits the database directly
        answer = db.session.scalar(select(Answer).where(Answer.assessment_id == assessment_id,
                                                        Answer.question_id == "d1_policy"))
        answer.value = 1
        db.session.commit()
    flashed = page_text(client.post(f"{base}/verify", follow_redirects=True))
    assert "no longer holds what was signed, in: answers, scores" in flashed
    result = runner.invoke(args=["assessments", "verify", str(assessment_id)])
    assert result.exit_code == 1
    assert "answers" in result.output
    with app.app_context():
        snapshot = db.session.scalar(select(Snapshot).where(
            Snapshot.assessment_id == assessment_id))
        snapshot.body = snapshot.body.replace('"outcome":"approve"', '"outcome":"reject"')
        db.session.commit()
    result = runner.invoke(args=["assessments", "verify", str(assessment_id)])
    assert result.exit_code == 1
    assert "has been altered" in result.output
    with app.app_context():  # rewriting the hash too is caught by the audit log's record
        snapshot = db.session.scalar(select(Snapshot).where(
            Snapshot.assessment_id == assessment_id))
        snapshot.sha256 = digest(snapshot.body)
        db.session.commit()
    result = runner.invoke(args=["assessments", "verify", str(assessment_id)])
    assert result.exit_code == 1
    assert "not the SHA-256 the audit log recorded" in result.output


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
        vendor = db.session.get(Vendor, _assessment(app, assessment_id).vendor_id)
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
        vendor = db.session.get(Vendor, _assessment(app, assessment_id).vendor_id)
        assert vendor.status.value == "approved"  # the last condition met
    assert client.post(f"{base}/findings/{finding_id}/reopen",
                       data={"note": "The records miss the agency staff."}).status_code == 302
    with app.app_context():
        vendor = db.session.get(Vendor, _assessment(app, assessment_id).vendor_id)
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
    assert "d1_channels ['phone', 'mail'] ['phone']" in page
    assert "d1_training 2 3" in page
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
    flag = "The exception for knockout:d1_encryption expired"
    assert flag not in page_text(client.get(f"/vendors/{tier1_vendor.id}"))
    with app.app_context():
        db.session.get(RiskException, 1).expires_on = utcnow().date() - timedelta(days=1)
        db.session.commit()
    assert flag in page_text(client.get(f"/vendors/{tier1_vendor.id}"))
