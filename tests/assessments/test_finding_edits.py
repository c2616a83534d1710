"""Findings are changed, not withdrawn and recreated (issue 24): every field while in
review, the due date and owner after the decision (with a reason); each change is in the
finding's history in words, the audit log and the PDF, which prints each finding's status.
A form with several wrong fields says all of them at once and changes nothing."""

import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from tests.assessments.conftest import in_days, raise_finding, sign_off
from tests.helpers import page_text
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import ValidationErrors
from vendorrisk.foundation.extensions import db
from vendorrisk.review.finding_edits import edit_finding
from vendorrisk.review.models import Finding


def _finding(app) -> Finding:
    with app.app_context():
        finding = db.session.scalars(select(Finding)).one()
        db.session.expunge(finding)
        return finding


def _pdf_text(data: bytes) -> str:
    """The PDF's text with its line breaks as spaces (table cells wrap)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages
                             ).split())


def test_a_new_finding_with_every_field_wrong_names_every_problem(app, client, auth, people,
                                                                 submitted):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    response = client.post(f"/assessments/{assessment_id}/findings/new", data={
        "question_id": "", "evidence_id": "", "severity": "dreadful", "description": " ",
        "remediation": "", "owner_id": "999999", "due_on": in_days(-1)})
    assert response.status_code == 400
    text = page_text(response)
    for message in ("Choose a severity.", "Describe the finding.",
                    "Say what the vendor is asked to do.", "Choose an active user as owner.",
                    "The due date must be in the future."):
        assert message in text
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Finding)) == 0


def test_in_review_every_field_changes_and_the_history_says_how(app, client, auth, people,
                                                               submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id, due_in=30)
    finding = _finding(app)
    form = client.get(f"{base}/findings/{finding.id}/edit")
    assert form.status_code == 200
    assert "Training records incomplete." in form.get_data(as_text=True)
    changed = client.post(f"{base}/findings/{finding.id}/edit", data={
        "severity": "critical", "description": "Training records missing for 2025.",
        "remediation": "Complete them.", "owner_id": str(people.second_reviewer.id),
        "due_on": in_days(60), "reason": ""})
    assert changed.status_code == 302, page_text(changed)
    assert changed.headers["Location"].endswith(f"#finding-{finding.id}")
    with app.app_context():
        stored = db.session.get(Finding, finding.id)
        assert (stored.severity.value, stored.owner_id, stored.due_on.isoformat()) == (
            "critical", people.second_reviewer.id, in_days(60))
        event = stored.events[-1]
        assert event.action == "edited"
        assert set(event.changes) == {"severity", "description", "owner", "due_on"}
        audit = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "finding.edited")).one()
        assert audit.details["changes"]["due_on"] == [in_days(30), in_days(60)]
    html = client.get(base).get_data(as_text=True)
    findings = html[html.index('id="findings"'):]
    findings = findings[:findings.index("</table>")]
    assert "Is there training?" in findings
    assert "d1_training" not in findings  # the question by its words, not its id
    page = page_text(client.get(base))
    assert f"Due date: {in_days(30)} → {in_days(60)}" in page
    assert "Severity: High → Critical" in page
    assert "Owner: Rita Reviewer → Ren Reviewer" in page
    assert "changed" in page


def test_a_change_that_changes_nothing_or_breaks_rules_is_refused_whole(app, client, auth,
                                                                        people, submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id, due_in=30)
    finding = _finding(app)
    same = {"severity": "high", "description": "Training records incomplete.",
            "remediation": "Complete them.", "owner_id": str(people.reviewer.id),
            "due_on": in_days(30), "reason": ""}
    nothing = client.post(f"{base}/findings/{finding.id}/edit", data=same)
    assert nothing.status_code == 400
    assert "Nothing was changed." in page_text(nothing)
    wrong = client.post(f"{base}/findings/{finding.id}/edit", data={
        **same, "description": "", "owner_id": "999999", "due_on": in_days(-3),
        "severity": "high"})
    assert wrong.status_code == 400
    text = page_text(wrong)
    assert "Describe the finding." in text
    assert "Choose an active user as owner." in text
    assert "The due date must be in the future." in text
    with app.app_context():
        stored = db.session.get(Finding, finding.id)
        assert stored.description == "Training records incomplete."
        assert [event.action for event in stored.events] == ["recorded"]


def test_after_the_decision_the_due_date_moves_with_a_reason_and_the_pdf_says_so(
        app, client, auth, people, submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id, due_in=30)
    sign_off(client, auth, people, assessment_id, outcome="approve_with_conditions")
    auth.login(people.approver.email)
    finding = _finding(app)

    form = page_text(client.get(f"{base}/findings/{finding.id}/edit"))
    assert "The decision is signed" in form
    without_reason = client.post(f"{base}/findings/{finding.id}/edit", data={
        "owner_id": str(people.reviewer.id), "due_on": in_days(90), "reason": ""})
    assert without_reason.status_code == 400
    assert "Say why the finding is changed" in page_text(without_reason)
    # The signed wording is not taken from the post, whatever is sent.
    moved = client.post(f"{base}/findings/{finding.id}/edit", data={
        "severity": "low", "description": "Nothing much.", "remediation": "Nothing.",
        "owner_id": str(people.reviewer.id), "due_on": in_days(90),
        "reason": "The vendor's auditor comes in March; agreed by phone."})
    assert moved.status_code == 302, page_text(moved)
    with app.app_context():
        stored = db.session.get(Finding, finding.id)
        assert (stored.severity.value, stored.description) == (
            "high", "Training records incomplete.")
        assert stored.due_on.isoformat() == in_days(90)
    assert "Verified" in page_text(client.post(f"{base}/verify", follow_redirects=True))
    text = _pdf_text(client.get(f"/reports/assessments/{assessment_id}.pdf?lang=en").data)
    assert "Remediation requested" in text  # the finding's status today
    assert in_days(90) in text
    assert f"signed with {in_days(30)}" in text
    ja = _pdf_text(client.get(f"/reports/assessments/{assessment_id}.pdf?lang=ja").data)
    assert "是正依頼中" in ja.replace(" ", "")  # a narrow cell wraps inside the word


def test_the_signed_wording_cannot_change_through_the_service(app, people, submitted, client,
                                                              auth):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id, due_in=30)
    sign_off(client, auth, people, assessment_id, outcome="approve_with_conditions")
    auth.login(people.approver.email)
    with app.app_context():
        finding = db.session.scalars(select(Finding)).one()
        with pytest.raises(ValidationErrors) as refused:
            edit_finding(finding, severity="low", description="Other words.",
                         remediation=finding.remediation, owner_id=None,
                         due_on=finding.due_on, reason="Softer.",
                         actor=db.session.merge(people.approver), now=utcnow())
        # the owner may move after the decision; the signed wording may not
        assert {error.field for error in refused.value.errors} == {"severity", "description"}
        db.session.rollback()


def test_withdrawn_findings_are_not_changed_and_others_may_not_change_them(
        app, client, auth, people, submitted, make_user):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id, due_in=30)
    finding = _finding(app)
    assert client.post(f"{base}/findings/{finding.id}/withdraw",
                       data={"note": "Recorded twice."}).status_code == 302
    refused = client.post(f"{base}/findings/{finding.id}/edit", data={
        "severity": "low", "description": "x", "remediation": "y", "owner_id": "",
        "due_on": in_days(40), "reason": ""}, follow_redirects=True)
    assert "A closed or withdrawn finding cannot be changed." in page_text(refused)
    assert client.get(f"{base}/findings/{finding.id + 1000}/edit").status_code == 404
    assert client.get(f"/assessments/{assessment_id + 1000}/findings/{finding.id}/edit"
                      ).status_code == 404
    with app.app_context():
        assert db.session.get(Finding, finding.id).severity.value == "high"
    auth.logout()
    make_user(Role.PROCUREMENT, email="pat@example.com", name="Pat Procurement")
    auth.login("pat@example.com")
    assert client.get(f"{base}/findings/{finding.id}/edit").status_code == 403
    assert client.post(f"{base}/findings/{finding.id}/edit", data={}).status_code == 403
