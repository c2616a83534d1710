"""Segregation of duties, illegal steps and findings around the signatures — through the
HTTP client."""

from datetime import timedelta

from sqlalchemy import select

from tests.assessments.conftest import answer_and_submit, in_days
from tests.assessments.signing import propose, status_of
from tests.helpers import page_text
from tests.portal.conftest import create_and_send, link_in
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Signature


def test_the_sender_cannot_sign(app, client, auth, smtp_server, make_user, people,
                                tier1_vendor):
    sender = make_user(Role.PROCUREMENT, Role.REVIEWER, Role.APPROVER, email="sam@example.com")
    assessment_id = create_and_send(client, auth, tier1_vendor, sender_email=sender.email)
    answer_and_submit(app, link_in(smtp_server.messages[-1]))
    auth.login(sender.email)
    assert propose(client, assessment_id).status_code == 302  # proposing is allowed
    refused = client.post(f"/assessments/{assessment_id}/sign", data={"stage": "reviewer"})
    assert refused.status_code == 403
    assert "You created or sent this assessment, so you cannot sign it" in page_text(refused)
    assert status_of(app, assessment_id) == "proposed"
    auth.logout()
    auth.login(people.reviewer.email)
    assert client.post(f"/assessments/{assessment_id}/sign",
                       data={"stage": "reviewer"}).status_code == 302
    auth.logout()
    auth.login(sender.email)  # nor can they give the second signature
    refused = client.post(f"/assessments/{assessment_id}/sign", data={"stage": "approver"})
    assert refused.status_code == 403
    assert status_of(app, assessment_id) == "awaiting_approval"


def test_the_same_person_cannot_sign_twice(app, client, auth, make_user, submitted):
    assessment_id, _link = submitted
    both = make_user(Role.REVIEWER, Role.APPROVER, email="bo@example.com")
    auth.login(both.email)
    propose(client, assessment_id)
    assert client.post(f"/assessments/{assessment_id}/sign",
                       data={"stage": "reviewer"}).status_code == 302
    refused = client.post(f"/assessments/{assessment_id}/sign", data={"stage": "approver"})
    assert refused.status_code == 403
    assert "the second signature must come from someone else" in page_text(refused)
    with app.app_context():
        assert db.session.scalar(select(Signature.id).where(
            Signature.stage == "approver")) is None
    assert status_of(app, assessment_id) == "awaiting_approval"


def test_the_second_signature_needs_an_approver(app, client, auth, people, submitted):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    propose(client, assessment_id)
    client.post(f"/assessments/{assessment_id}/sign", data={"stage": "reviewer"})
    auth.logout()
    auth.login(people.second_reviewer.email)
    refused = client.post(f"/assessments/{assessment_id}/sign", data={"stage": "approver"})
    assert refused.status_code == 403
    assert "This signature needs an approver." in page_text(refused)


def test_steps_out_of_order_are_refused_with_409(app, client, auth, people, submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.approver.email)
    for url, data in [(f"{base}/sign", {"stage": "reviewer"}),
                      (f"{base}/withdraw", {}), (f"{base}/decline", {"note": "no"})]:
        response = client.post(url, data=data)
        assert response.status_code == 409, url
    assert "you cannot withdraw the proposal now" in page_text(client.post(f"{base}/withdraw"))
    propose(client, assessment_id)
    assert propose(client, assessment_id).status_code == 409  # already proposed
    stale = client.post(f"{base}/sign", data={"stage": "approver"})
    assert stale.status_code == 409  # the reviewer's signature is the one due
    assert "no longer due" in page_text(stale)
    assert client.post(f"{base}/withdraw").status_code == 302
    assert status_of(app, assessment_id) == "in_review"


def test_a_declined_proposal_returns_to_review_and_is_signed_afresh(app, client, auth,
                                                                   people, submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    propose(client, assessment_id)
    client.post(f"{base}/sign", data={"stage": "reviewer"})
    auth.logout()
    auth.login(people.approver.email)
    assert client.post(f"{base}/decline", data={"note": " "}).status_code == 400
    assert client.post(f"{base}/decline", data={"note": "Check the backups first."}
                       ).status_code == 302
    assert status_of(app, assessment_id) == "in_review"
    auth.logout()
    auth.login(people.reviewer.email)
    propose(client, assessment_id)
    assert client.post(f"{base}/sign", data={"stage": "reviewer"}).status_code == 302
    with app.app_context():
        rounds = db.session.scalars(select(Signature.round).order_by(Signature.id)).all()
        assert rounds == [1, 2]


def _finding(client, assessment_id, days=45):
    response = client.post(f"/assessments/{assessment_id}/findings/new", data={
        "question_id": "d1_training", "evidence_id": "²", "severity": "high",
        "description": "No training for temporary staff.", "remediation": "Train them.",
        "owner_id": "9" * 30, "due_on": in_days(days)})
    assert response.status_code == 302, page_text(response)  # odd ids are simply ignored


def test_findings_stand_still_while_the_decision_waits_for_signatures(app, client, auth,
                                                                       people, submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    _finding(client, assessment_id)
    propose(client, assessment_id, "approve_with_conditions")
    assert client.post(f"{base}/sign", data={"stage": "nonsense"}).status_code == 400
    client.post(f"{base}/sign", data={"stage": "reviewer"})
    refused = client.post(f"{base}/findings/share")
    assert refused.status_code == 409
    assert "not now" in page_text(refused)
    assert client.post(f"{base}/findings/1/accept", data={"note": ""}).status_code == 409


def test_a_remediation_link_can_be_sent_again_after_the_decision(app, client, auth,
                                                                 smtp_server, people,
                                                                 submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    _finding(client, assessment_id, days=3)
    propose(client, assessment_id, "approve_with_conditions")
    client.post(f"{base}/sign", data={"stage": "reviewer"})
    auth.logout()
    auth.login(people.approver.email)
    client.post(f"{base}/sign", data={"stage": "approver"})
    sent = len(smtp_server.messages)
    assert client.post(f"{base}/findings/share").status_code == 302
    assert len(smtp_server.messages) == sent + 1
    with app.app_context():
        respondent = db.session.get(Assessment, assessment_id).respondents[0]
        # due in 3 days, but the new link lasts at least 14 days (plus the grace days)
        assert respondent.expires_at.date() >= (utcnow() + timedelta(days=14)).date()


def test_an_overlong_rationale_is_refused_and_changes_nothing(app, client, auth, people,
                                                            submitted):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    refused = client.post(f"/assessments/{assessment_id}/propose",
                          data={"outcome": "approve", "rationale": "x" * 5_001})
    assert refused.status_code == 400
    assert "Use at most 5,000 characters." in page_text(refused)
    assert status_of(app, assessment_id) == "submitted"
