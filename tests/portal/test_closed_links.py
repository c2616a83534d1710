"""A replaced or closed link answers 410 in the portal's look, saying so, since when and
whom to ask; an unknown one stays 404 and says nothing of any questionnaire."""

from datetime import timedelta

import time_machine
from sqlalchemy import func, select

from tests.helpers import page_text
from tests.portal.conftest import create_and_send, csrf_of, link_in
from vendorrisk.assessments.models import Answer
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db

OWNER = "owner@example.com"


def _in_portal_look(response) -> None:
    html = response.get_data(as_text=True)
    assert "vendor questionnaire" in html  # the portal's header
    assert "/auth/login" not in html
    assert "Back to the start page" not in html


def _send(client, auth, make_user, vendor, smtp_server) -> tuple[int, str]:
    make_user(Role.PROCUREMENT, email=OWNER, name="Olivia Owner")
    assessment_id = create_and_send(client, auth, vendor, sender_email=OWNER)
    return assessment_id, link_in(smtp_server.messages[0])


def test_a_link_replaced_by_a_reminder_says_so_when_and_whom_to_ask(
        app, client, auth, make_user, smtp_server, vendor_with_contact):
    assessment_id, old = _send(client, auth, make_user, vendor_with_contact, smtp_server)
    auth.login(OWNER)
    assert client.post(f"/assessments/{assessment_id}/remind").status_code == 302
    new = link_in(smtp_server.messages[-1])
    assert new != old
    vendor = app.test_client()
    response = vendor.get(old)
    assert response.status_code == 410
    _in_portal_look(response)
    text = page_text(response)
    assert "This link has been replaced by a newer one" in text
    assert "A newer link to this questionnaire was sent to hana@vendor.example.com" in text
    assert "Replaced on 20" in text
    assert "Olivia Owner" in text
    assert f'href="mailto:{OWNER}"' in response.get_data(as_text=True)
    assert vendor.get(new).status_code == 200
    with app.app_context():  # the audit log keeps the old link's hash, never the link
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "assessment.link_replaced"))
        assert old.rsplit("/", 1)[1] not in str(event.details) + event.object_id


def test_a_replaced_link_changes_nothing(app, client, auth, make_user, smtp_server,
                                        vendor_with_contact):
    assessment_id, old = _send(client, auth, make_user, vendor_with_contact, smtp_server)
    vendor = app.test_client()
    token = csrf_of(vendor, old)
    auth.login(OWNER)
    client.post(f"/assessments/{assessment_id}/remind")
    response = vendor.post(f"{old}/save", data={
        "csrf_token": token, "section": "d1", "present-d1_policy": "1", "q-d1_policy": "2"})
    assert response.status_code == 410
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Answer)) == 0


def test_a_cancelled_questionnaire_says_it_was_closed_when_and_whom_to_ask(
        app, client, auth, make_user, smtp_server, vendor_with_contact):
    assessment_id, link = _send(client, auth, make_user, vendor_with_contact, smtp_server)
    auth.login(OWNER)
    assert client.post(f"/assessments/{assessment_id}/cancel").status_code == 302
    response = app.test_client().get(link)
    assert response.status_code == 410
    _in_portal_look(response)
    text = page_text(response)
    assert "This questionnaire is closed" in text
    assert "Closed on 20" in text
    assert "Olivia Owner" in text
    assert OWNER in text


def test_an_expired_link_says_since_when_in_the_portal_look(
        app, client, auth, make_user, smtp_server, vendor_with_contact):
    _assessment_id, link = _send(client, auth, make_user, vendor_with_contact, smtp_server)
    with time_machine.travel(utcnow() + timedelta(days=40)):
        response = app.test_client().get(link)
    assert response.status_code == 410
    _in_portal_look(response)
    text = page_text(response)
    assert "This link has expired" in text
    assert "Expired on 20" in text
    assert OWNER in text


def test_an_unknown_link_stays_404_and_names_nobody(app, client, auth, make_user, smtp_server,
                                                   vendor_with_contact):
    _assessment_id, link = _send(client, auth, make_user, vendor_with_contact, smtp_server)
    response = app.test_client().get(link[:-2] + ("AA" if not link.endswith("AA") else "BB"))
    assert response.status_code == 404
    _in_portal_look(response)
    text = page_text(response)
    assert "This link is not valid." in text
    assert "Olivia Owner" not in text
    assert "Portal Test K.K." not in text
