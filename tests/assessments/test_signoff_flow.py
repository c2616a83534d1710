"""End to end through the HTTP client: review, return, resubmit, propose, two signatures,
the snapshot, and nothing changing afterwards."""


from sqlalchemy import select

from tests.assessments.conftest import ANSWERS, answer_and_submit, in_days
from tests.assessments.signing import load_assessment
from tests.helpers import page_text
from tests.portal.conftest import link_in
from vendorrisk.assessments.models import Answer, AnswerReview, Assessment
from vendorrisk.audit.services import verify_chain
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Finding, Signature, Snapshot
from vendorrisk.review.snapshot import digest
from vendorrisk.vendors.models import Vendor


def test_submitted_to_approved_with_two_signatures(app, client, auth, smtp_server, people,
                                                   submitted, runner):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    page = page_text(client.get(base))
    # (2×3 + 3×2 + 3×2 + 1×3 + 2×3) / 33: tier 1 passes at 80 %, grade A needs 85 %.
    assert "81.8 % (27 / 33) · grade B" in page
    assert "Residual risk high · recommended: Approve with conditions" in page
    assert ("d1_training Is there training? 2 — in place 2 × 3 Answer: 2 — in place — 2 of 3"
            in page)

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
    assert "Set by the reviewer: 2 of 3 (the answer gave 3)" in page
    assert "Only the phone channel was verified." in page
    assert load_assessment(app, assessment_id).status.value == "in_review"

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
    assert load_assessment(app, assessment_id).status.value == "returned"
    new_link = link_in(smtp_server.messages[-1])
    answer_and_submit(app, new_link, {**ANSWERS, "q-d1_training": "3",
                                      "ver-d1_training": "1"})
    assert load_assessment(app, assessment_id).status.value == "submitted"

    # Proposed; the page shows why an approver must sign too.
    proposed = client.post(f"{base}/propose", data={
        "outcome": "approve", "rationale": "Strong controls; one training gap to fix."})
    assert proposed.status_code == 302, page_text(client.get(base))
    assert load_assessment(app, assessment_id).status.value == "proposed"
    page = page_text(client.get(base))
    assert "87.9 % (29 / 33) · grade A" in page  # training now 3, channels overridden to 2
    assert "tier 1 vendor" in page

    # The reviewer signs; the vendor is not decided yet.
    assert client.post(f"{base}/sign", data={"stage": "reviewer"}).status_code == 302
    assert load_assessment(app, assessment_id).status.value == "awaiting_approval"
    auth.logout()

    auth.login(people.approver.email)
    assert "Awaiting approval" in page_text(client.get("/assessments/queue/approval"))
    assert client.post(f"{base}/sign", data={"stage": "approver"}).status_code == 302
    decided = load_assessment(app, assessment_id)
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
    assert load_assessment(app, assessment_id).status.value == "decided"
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
