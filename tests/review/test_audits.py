"""Audits of consignees (issue 25, R11): recorded on the vendor's page with the checklist
drawn from its standard; every mistake said at once and nothing stored; findings enter
the remediation of the assessment the audit verified; the programme's next due date
moves; only reviewers and approvers record, every role reads."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from tests.helpers import page_text
from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import Outcome
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.review.audit_models import VendorAudit
from vendorrisk.review.audit_queries import checklist_questions
from vendorrisk.review.models import Finding

NOW = datetime(2027, 6, 1, 3, 0, tzinfo=UTC)
APPROVED_ON = date(2027, 4, 1)


@pytest.fixture
def audited(app):
    """A tier-1 vendor approved on 1 April 2027: its id and its checklist's first ids."""
    with app.app_context():
        load_standards(APPROVED_ON)
        vendor = approved_vendor("Tokyo Payroll K.K.", "1", APPROVED_ON)
        assessment = db.session.scalar(select(Assessment).where(
            Assessment.vendor_id == vendor.id))
        assessment.decision = Outcome.APPROVE
        assessment.submitted_at = assessment.decided_at
        db.session.commit()
        questions = [question.id for question in checklist_questions(assessment)]
        return vendor.id, questions


def _form(questions, **changes):
    data = {"kind": "on_site", "purpose": "periodic", "held_on": "2027-05-31",
            "auditors": "Akira Approver (privacy office)", "scope": "Payroll centre, Tokyo.",
            "observations": "Entry logs kept 3 months, not 1 year.",
            "result": "improvement_required",
            f"check-{questions[0]}": "confirmed", f"check-{questions[1]}": "not_confirmed",
            f"note-{questions[1]}": "Logs kept 3 months."}
    return {**data, **changes}


@time_machine.travel(NOW, tick=False)
def test_an_audit_with_its_checklist_and_a_finding_in_the_remediation(
        app, client, auth, audited):
    vendor_id, questions = audited
    auth.login_as(Role.REVIEWER)
    page = page_text(client.get(f"/vendors/{vendor_id}"))
    assert "Next audit due by 2029-04-01 (every 2 years" in page
    assert "No audits recorded." in page
    form = client.get(f"/vendors/{vendor_id}/audits/new")
    assert form.status_code == 200
    assert "The programme asks for the next audit by 2029-04-01." in page_text(form)
    response = client.post(f"/vendors/{vendor_id}/audits/new", data=_form(questions))
    assert response.status_code == 302, page_text(response)
    shown = page_text(client.get(response.headers["Location"]))
    for words in ("On site", "Periodic (the tier's programme)", "Improvement required",
                  "Confirmed as answered", "Not as answered", "Logs kept 3 months.",
                  "Not checked", "No findings."):
        assert words in shown, words
    assert "not_confirmed" not in shown
    assert "on_site" not in shown
    audit_url = response.headers["Location"]
    assert client.get(f"{audit_url}/findings/new").status_code == 200
    finding = client.post(f"{audit_url}/findings/new", data={
        "question_id": questions[1], "severity": "medium",
        "description": "Entry logs are deleted after 3 months.",
        "remediation": "Keep them one year; send the setting.", "due_on": "2027-08-01"})
    assert finding.status_code == 302
    shown = page_text(client.get(audit_url))
    assert "Entry logs are deleted after 3 months." in shown
    assert "Medium" in shown
    page = page_text(client.get(f"/vendors/{vendor_id}"))
    assert "Next audit due by 2029-05-31" in page  # two years after the audit
    with app.app_context():
        audit = db.session.scalar(select(VendorAudit))
        row = db.session.scalar(select(Finding))
        assert (row.audit_id, row.assessment_id, row.status.value) == (
            audit.id, audit.assessment_id, "open")
        assert [check["outcome"] for check in audit.checklist[:3]] == [
            "confirmed", "not_confirmed", "not_checked"]
        assert len(audit.checklist) == len(questions)
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "vendor_audit.recorded"))
        assert event.details["not_confirmed"] == [questions[1]]
    # The finding is in the assessment's remediation: shared with the vendor from there
    assessment_page = page_text(client.get(f"/assessments/{audit.assessment_id}"))
    assert "Entry logs are deleted after 3 months." in assessment_page
    assert "Found in an audit" in assessment_page


@time_machine.travel(NOW, tick=False)
def test_every_mistake_is_said_at_once_and_nothing_is_stored(app, client, auth, audited):
    vendor_id, questions = audited
    auth.login_as(Role.APPROVER)
    refused = client.post(f"/vendors/{vendor_id}/audits/new", data=_form(
        questions, kind="", purpose="before_go_live", held_on="2027-06-02", auditors=" ",
        scope="", observations="", result="satisfactory",
        **{f"check-{questions[2]}": "maybe", "check-no-such-question": "confirmed"}))
    assert refused.status_code == 400
    page = page_text(refused)
    for message in ("Choose how the audit was held.",
                    "This vendor has been approved already",
                    "Give the day the audit was held: today or earlier.",
                    "Name who audited.", "Say what the audit covered.",
                    "Say what the auditors saw.",
                    "Choose confirmed, not confirmed or not checked for each criterion.",
                    "A criterion was not confirmed: the result cannot be satisfactory."):
        assert message in page, message
    assert 'value="Logs kept 3 months."' in refused.get_data(as_text=True)  # kept as typed
    long_note = client.post(f"/vendors/{vendor_id}/audits/new", data=_form(
        questions, **{f"note-{questions[0]}": "x" * 2001}))
    assert long_note.status_code == 400
    assert "A criterion's note has at most 2000 characters." in page_text(long_note)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VendorAudit)) == 0


@time_machine.travel(NOW, tick=False)
def test_findings_are_refused_where_the_remediation_is_closed(app, client, auth, audited):
    vendor_id, questions = audited
    auth.login_as(Role.REVIEWER)
    audit_url = client.post(f"/vendors/{vendor_id}/audits/new",
                            data=_form(questions)).headers["Location"]
    bad = client.post(f"{audit_url}/findings/new", data={
        "question_id": "not-in-the-checklist", "severity": "", "description": "",
        "remediation": "", "due_on": "2027-05-01"})
    assert bad.status_code == 400
    assert "Choose a criterion of the audit's checklist." in page_text(bad)
    with app.app_context():
        assessment = db.session.get(VendorAudit, 1).assessment
        assessment.decision = Outcome.REJECT  # the verified assessment ended rejected
        db.session.commit()
    refused = client.post(f"{audit_url}/findings/new", data={
        "severity": "low", "description": "A gap.", "remediation": "Mend it.",
        "due_on": "2027-08-01"})
    assert refused.status_code == 409
    assert "the finding cannot be recorded" in page_text(refused)
    assert "Record a finding" not in page_text(client.get(audit_url))
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Finding)) == 0


@time_machine.travel(NOW, tick=False)
def test_only_reviewers_and_approvers_record_every_role_reads(app, client, auth, audited):
    vendor_id, questions = audited
    auth.login_as(Role.REVIEWER)
    audit_url = client.post(f"/vendors/{vendor_id}/audits/new",
                            data=_form(questions)).headers["Location"]
    for role in (Role.PROCUREMENT, Role.AUDITOR, Role.EXECUTIVE, Role.ADMIN):
        auth.logout()
        auth.login_as(role)
        assert client.get(f"/vendors/{vendor_id}/audits/new").status_code == 403, role
        assert client.post(f"/vendors/{vendor_id}/audits/new",
                           data=_form(questions)).status_code == 403, role
        assert client.post(f"{audit_url}/findings/new", data={}).status_code == 403, role
        assert client.get(audit_url).status_code == 200, role
        assert "Record an audit" not in page_text(client.get(f"/vendors/{vendor_id}"))
    for wrong in (f"/vendors/{vendor_id}/audits/999", f"/vendors/{vendor_id + 1}/audits/1",
                  "/vendors/999/audits/new", f"/vendors/{vendor_id}/audits/0"):
        assert client.get(wrong).status_code in (403, 404), wrong
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(VendorAudit)) == 1


@time_machine.travel(NOW, tick=False)
def test_a_vendor_without_an_assessment_is_audited_without_a_checklist(
        app, client, auth, make_vendor):
    vendor = make_vendor(categories=["health"])
    auth.login_as(Role.REVIEWER)
    form = page_text(client.get(f"/vendors/{vendor.id}/audits/new"))
    assert "The vendor has no submitted or approved assessment" in form
    response = client.post(f"/vendors/{vendor.id}/audits/new", data={
        "kind": "document", "purpose": "on_demand", "held_on": "2027-06-01",
        "auditors": "Rei", "scope": "Policies.", "observations": "Policies in order.",
        "result": "satisfactory"})
    assert response.status_code == 302
    shown = page_text(client.get(response.headers["Location"]))
    assert "No checklist: the vendor had no assessment to verify." in shown
    assert "Record a finding" not in shown


def test_the_japanese_morning_is_today_not_tomorrow(app, client, auth, audited):
    """At 00:30 in Tokyo UTC is still on the day before: the day the people typed is
    today where they are (the display time zone), so it is not refused as to come."""
    vendor_id, questions = audited
    with time_machine.travel(datetime(2027, 6, 1, 15, 30, tzinfo=UTC), tick=False):
        auth.login_as(Role.REVIEWER)
        morning = client.post(f"/vendors/{vendor_id}/audits/new",
                              data=_form(questions, held_on="2027-06-02"))
        assert morning.status_code == 302
        later = client.post(f"/vendors/{vendor_id}/audits/new",
                            data=_form(questions, held_on="2027-06-03"))
        assert later.status_code == 400
