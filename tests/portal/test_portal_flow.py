"""End to end: send → e-mail → portal → answer → submit → return → resubmit."""

import io

from sqlalchemy import select

from tests.helpers import page_text
from tests.portal.conftest import create_and_send, csrf_of, link_in
from vendorrisk.assessments.models import Answer, Assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db

FIRST_ANSWERS = {
    "section": "d1",
    "present-d1_policy": "1", "q-d1_policy": "3",
    "present-d1_training": "1", "q-d1_training": "2",
    "present-d1_uses_subs": "1", "q-d1_uses_subs": "yes",
    "present-d1_channels": "1", "q-d1_channels": ["phone", "mail"],
    "present-d1_encryption": "1", "q-d1_encryption": "full",
}


def _status(app, assessment_id):
    with app.app_context():
        return db.session.get(Assessment, assessment_id).status.value


def test_the_whole_journey(app, client, auth, smtp_server, vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    (invitation,) = smtp_server.messages
    assert invitation["To"] == "hana@vendor.example.com"
    assert "Questionnaire from Example Holdings K.K." in invitation["Subject"]
    link = link_in(invitation)

    vendor_client = app.test_client()
    page = vendor_client.get(link)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Portal Test K.K." in html
    assert 'id="q-d1_sub_approval" data-question="d1_sub_approval" hidden' in html

    token = {"csrf_token": csrf_of(vendor_client, link)}
    saved = vendor_client.post(f"{link}/save", data={**FIRST_ANSWERS, **token})
    assert saved.status_code == 302
    assert _status(app, assessment_id) == "in_progress"
    html = vendor_client.get(link).get_data(as_text=True)
    assert 'id="q-d1_sub_approval" data-question="d1_sub_approval">' in html  # now shown

    attached = vendor_client.post(f"{link}/evidence/d1_policy_file", data={
        "section": "d1", **token,
        "file-d1_policy_file": (io.BytesIO(b"%PDF-1.4\n% policy\n%%EOF\n"), "policy.pdf")},
        content_type="multipart/form-data")
    assert attached.status_code == 302
    assert "policy.pdf" in page_text(vendor_client.get(link))

    missing = page_text(vendor_client.get(f"{link}/submit"))
    assert "Before you can submit, answer these questions:" in missing
    assert "Prior approval?" in missing
    vendor_client.post(f"{link}/save", data={
        "section": "d1", "present-d1_sub_approval": "1", "q-d1_sub_approval": "2", **token,
        "ver-d1_sub_approval": ""})
    submitted = vendor_client.post(f"{link}/submit", data={
        "name": "Hana Sato", "title": "Privacy officer", "confirm": "yes", **token})
    assert submitted.status_code == 302
    assert _status(app, assessment_id) == "submitted"
    assert "shown read-only" in page_text(vendor_client.get(link))
    locked = vendor_client.post(f"{link}/save", data={
        **FIRST_ANSWERS, "q-d1_policy": "0", **token})
    assert locked.status_code == 400
    with app.app_context():
        policy = db.session.scalar(select(Answer).where(Answer.question_id == "d1_policy"))
        assert (policy.value, policy.version) == (3, 1)

    auth.login_as(Role.REVIEWER)
    staff_page = page_text(client.get(f"/assessments/{assessment_id}"))
    assert "Submitted" in staff_page
    assert "Hana Sato (Privacy officer)" in staff_page
    returned = client.post(f"/assessments/{assessment_id}/return",
                           data={"remark-d1_training": "Attach last year's training record."})
    assert returned.status_code == 302
    assert _status(app, assessment_id) == "returned"
    revision_mail = smtp_server.messages[-1]
    assert "Please revise your answers" in revision_mail["Subject"]
    new_link = link_in(revision_mail)
    assert new_link != link
    assert vendor_client.get(link).status_code == 410  # the old link stopped working: replaced

    page = page_text(vendor_client.get(new_link))
    assert "Reviewer's remark: Attach last year's training record." in page
    token = {"csrf_token": csrf_of(vendor_client, new_link)}
    with app.app_context():
        version = db.session.scalar(select(Answer.version).where(
            Answer.question_id == "d1_training"))
    vendor_client.post(f"{new_link}/save", data={
        "section": "d1", "present-d1_training": "1", "q-d1_training": "3",
        "ver-d1_training": str(version), **token})
    resubmitted = vendor_client.post(f"{new_link}/submit", data={
        "name": "Hana Sato", "title": "Privacy officer", "confirm": "yes", **token})
    assert resubmitted.status_code == 302
    assert _status(app, assessment_id) == "submitted"
    with app.app_context():
        training = db.session.scalar(select(Answer).where(Answer.question_id == "d1_training"))
        assert training.value == 3
        assert [(r.version, r.value) for r in training.revisions] == [(1, 2)]
        files = db.session.scalar(select(Answer).where(Answer.question_id == "d1_policy_file"))
        assert len(files.value) == 1  # the file question is answered by its file



def test_an_illegal_step_is_refused_with_409_and_says_why(app, client, auth, smtp_server,
                                                         vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    auth.login_as(Role.PROCUREMENT)
    response = client.post(f"/assessments/{assessment_id}/send")
    assert response.status_code == 409
    assert "This assessment is Sent; you cannot send it now." in page_text(response)
    assert len(smtp_server.messages) == 1  # nobody was e-mailed twice


def test_a_respondent_hands_over_to_a_colleague(app, client, auth, smtp_server,
                                               vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    csrf = csrf_of(vendor, link)
    response = vendor.post(f"{link}/colleague", data={
        "name": "Taro Yamada", "email": "taro@vendor.example.com", "language": "ja",
        "csrf_token": csrf}, follow_redirects=True)
    assert "taro@vendor.example.com has been sent a link of their own." in page_text(response)
    handover = smtp_server.messages[-1]
    assert handover["To"] == "taro@vendor.example.com"
    assert "アンケート" in handover["Subject"]  # in the colleague's language
    assert app.test_client().get(link_in(handover)).status_code == 200
    again = vendor.post(f"{link}/colleague", data={
        "name": "Taro", "email": "TARO@vendor.example.com", "csrf_token": csrf},
        follow_redirects=True)
    assert "This person already has a link." in page_text(again)
    auth.login_as(Role.AUDITOR)
    assert "Taro Yamada" in page_text(client.get(f"/assessments/{assessment_id}"))


def test_reminder_and_review_steps(app, client, auth, smtp_server, vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    auth.login_as(Role.PROCUREMENT)
    assert client.post(f"/assessments/{assessment_id}/remind").status_code == 302
    assert "Reminder: questionnaire from" in smtp_server.messages[-1]["Subject"]
    auth.logout()
    auth.login_as(Role.REVIEWER)
    refused = client.post(f"/assessments/{assessment_id}/review")
    assert refused.status_code == 409  # nothing has been submitted yet


def test_the_sender_sees_undelivered_mail_on_the_dashboard(app, client, auth, smtp_server,
                                                          vendor_with_contact):
    smtp_server.stop()
    create_and_send(client, auth, vendor_with_contact)
    client.post("/auth/login", data={"email": "user1@example.com",
                                     "password": "correct horse battery"})
    text = page_text(client.get("/dashboard/"))
    assert "E-mails you sent that have not been delivered:" in text
    assert "hana@vendor.example.com" in text
