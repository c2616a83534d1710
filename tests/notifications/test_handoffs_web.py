"""The hand-offs from the pages: a signature given on the decision page reaches the
approver (and the decision the vendor) at once, the request delivering what it queued."""

from datetime import timedelta

from tests.notifications.handoff_helpers import by_recipient, deliver, text_of
from tests.notifications.test_handoffs import NOW, _vendor
from tests.review.conftest import staff, submitted  # noqa: F401  (a fixture)
from vendorrisk.foundation.extensions import db
from vendorrisk.review.findings import record_finding
from vendorrisk.review.signoff import propose_decision


def test_signing_on_the_page_tells_the_approver_then_the_vendor(
        app, client, auth, staff, make_vendor, smtp_server):  # noqa: F811
    with app.app_context():
        assessment = submitted(_vendor(make_vendor, legal_name="Web K.K."),
                               db.session.merge(staff.sender), NOW)
        reviewer = db.session.merge(staff.reviewer)
        record_finding(assessment, question_id=None, evidence_id=None, severity="high",
                       description="No DLP.", remediation="Deploy DLP.", owner_id=None,
                       due_on=(NOW + timedelta(days=20)).date(), actor=reviewer, now=NOW)
        propose_decision(assessment, outcome="approve_with_conditions", rationale="Ok.",
                         actor=reviewer, now=NOW)
        deliver(smtp_server)
        assessment_id, respondent = assessment.id, assessment.respondents[0].email

    auth.login(staff.reviewer.email)
    signed = client.post(f"/assessments/{assessment_id}/sign", data={"stage": "reviewer"})
    assert signed.status_code == 302
    (notice,) = smtp_server.messages[-1:]  # delivered by the request, no scheduler needed
    assert notice["To"] == "ami@example.com"
    assert f"/assessments/{assessment_id}#decision" in text_of(notice)
    again = client.post(f"/assessments/{assessment_id}/sign", data={"stage": "reviewer"})
    assert again.status_code == 409  # the step is taken; nobody is told twice
    auth.logout()

    count = len(smtp_server.messages)
    auth.login(staff.approver.email)
    assert client.post(f"/assessments/{assessment_id}/sign",
                       data={"stage": "approver"}).status_code == 302
    mail = by_recipient(smtp_server.messages[count:])
    decision, remediation = mail[respondent]
    assert "approved Web K.K. with conditions" in decision["Subject"]
    assert "- Deploy DLP. (to be completed by " in text_of(decision)
    assert decision["Reply-To"] == "sam@example.com"
    assert list(mail) == [respondent]
