"""Links that expire, are withdrawn or forged; e-mail when SMTP is down; stale saves."""

from datetime import timedelta

import time_machine
from sqlalchemy import func, select

from tests.helpers import page_text
from tests.portal.conftest import create_and_send, csrf_of, link_in
from vendorrisk.assessments.models import Answer, LinkUse, Respondent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import DeliveryStatus, OutboxMessage
from vendorrisk.notifications.services import deliver_pending


def test_tampered_and_unknown_tokens_get_404(app, client, auth, smtp_server,
                                            vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    for bad in (link[:-1] + ("A" if link[-1] != "A" else "B"), "/portal/" + "x" * 43,
                "/portal/" + "y" * 200):
        response = vendor.get(bad)
        assert response.status_code == 404
        assert "This link is not valid." in page_text(response)
        assert "Portal Test K.K." not in response.get_data(as_text=True)


def test_expired_link_says_whom_to_contact_with_410(app, client, auth, smtp_server,
                                                   vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    with time_machine.travel(utcnow() + timedelta(days=40)):
        response = app.test_client().get(link)
    assert response.status_code == 410
    text = page_text(response)
    assert "This questionnaire is closed. Please contact" in text
    assert "@example.com" in text


def test_withdrawn_link_gets_403_and_a_new_one_works(app, client, auth, smtp_server,
                                                    vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    old = link_in(smtp_server.messages[0])
    with app.app_context():
        respondent_id = db.session.scalar(select(Respondent.id))
    auth.login_as(Role.PROCUREMENT)
    client.post(f"/assessments/{assessment_id}/respondents/{respondent_id}/revoke")
    vendor = app.test_client()
    response = vendor.get(old)
    assert response.status_code == 403
    assert "This link has been withdrawn." in page_text(response)
    client.post(f"/assessments/{assessment_id}/respondents/{respondent_id}/reissue")
    new = link_in(smtp_server.messages[-1])
    assert vendor.get(new).status_code == 200
    assert vendor.get(old).status_code == 410  # replaced by the new one (test_closed_links)


def test_a_link_opens_nothing_of_the_staff_side(app, client, auth, smtp_server,
                                               vendor_with_contact):
    assessment_id = create_and_send(client, auth, vendor_with_contact)
    vendor = app.test_client()
    assert vendor.get(link_in(smtp_server.messages[0])).status_code == 200
    for path in (f"/assessments/{assessment_id}", "/vendors/", "/assessments/"):
        response = vendor.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/auth/login")


def test_every_use_is_logged_without_the_token(app, client, auth, smtp_server,
                                              vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    app.test_client().get(link, headers={"User-Agent": "VendorBrowser/1.0"})
    with app.app_context():
        (use,) = db.session.scalars(select(LinkUse)).all()
        assert (use.action, use.user_agent, use.ip) == ("view", "VendorBrowser/1.0",
                                                        "127.0.0.1")
        stored = db.session.scalar(select(Respondent))
        assert link.rsplit("/", 1)[1] not in (stored.token_hash or "")


def test_smtp_down_keeps_the_message_queued_until_it_returns(app, client, auth, smtp_server,
                                                            vendor_with_contact):
    smtp_server.stop()
    create_and_send(client, auth, vendor_with_contact)
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == DeliveryStatus.RETRYING
        assert message.attempts == 1
        assert "ConnectionRefusedError" in message.last_error
    auth.login_as(Role.PROCUREMENT)
    page = page_text(client.get(f"/assessments/{message.object_id}"))
    assert "failed, will retry" in page
    smtp_server.start()
    with app.app_context():
        nothing_yet = deliver_pending(utcnow())  # not due before the backoff
        assert nothing_yet.delivered == 0
        report = deliver_pending(utcnow() + timedelta(minutes=2))
        assert report.delivered == 1
        assert db.session.scalar(select(OutboxMessage)).status == DeliveryStatus.SENT
    assert len(smtp_server.messages) == 1


def test_without_smtp_messages_are_written_as_eml_files(app, client, auth,
                                                       vendor_with_contact, tmp_path):
    create_and_send(client, auth, vendor_with_contact)
    files = list((tmp_path / "instance" / "outbox").glob("*.eml"))
    assert len(files) == 1
    assert b"hana@vendor.example.com" in files[0].read_bytes()
    auth.login_as(Role.ADMIN)
    assert "written to the outbox folder" in page_text(client.get("/notifications/outbox"))


def test_a_stale_save_gets_a_conflict_and_loses_nothing(app, client, auth, smtp_server,
                                                       vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    alice, bob = app.test_client(), app.test_client()
    alice_token, bob_token = csrf_of(alice, link), csrf_of(bob, link)
    base = {"section": "d1", "present-d1_policy": "1"}
    first = alice.post(f"{link}/save", data={**base, "q-d1_policy": "2", "ver-d1_policy": "",
                                             "csrf_token": alice_token})
    assert first.status_code == 302
    # Bob's page was loaded before Alice saved: he sends no version... then an old one.
    stale = bob.post(f"{link}/autosave", data={**base, "q-d1_policy": "0", "ver-d1_policy": "0",
                                               "csrf_token": bob_token})
    assert stale.status_code == 409
    assert stale.json["conflicts"]["d1_policy"]["value"] == 2
    with app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.question_id == "d1_policy"))
        assert (answer.value, answer.version) == (2, 1)
    page = bob.post(f"{link}/save", data={**base, "q-d1_policy": "0", "ver-d1_policy": "0",
                                          "csrf_token": bob_token})
    assert page.status_code == 409
    assert "Someone else saved this answer meanwhile. Theirs is now stored: 2." in page_text(page)
    assert 'value="0" checked' in page.get_data(as_text=True)  # Bob's choice is kept
    saved = bob.post(f"{link}/autosave", data={**base, "q-d1_policy": "0", "ver-d1_policy": "1",
                                               "csrf_token": bob_token})
    assert saved.status_code == 200
    assert saved.json["saved"] == {"d1_policy": 2}


def test_autosave_reports_which_questions_to_show(app, client, auth, smtp_server,
                                                 vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    response = vendor.post(f"{link}/autosave", data={
        "section": "d1", "present-d1_uses_subs": "1", "q-d1_uses_subs": "yes",
        "csrf_token": token})
    assert response.status_code == 200
    assert "d1_sub_approval" in response.json["shown"]
    response = vendor.post(f"{link}/autosave", data={
        "section": "d1", "present-d1_uses_subs": "1", "q-d1_uses_subs": "no",
        "ver-d1_uses_subs": "1", "csrf_token": token})
    assert "d1_sub_approval" not in response.json["shown"]


def test_portal_pages_load_nothing_from_elsewhere(app, client, auth, smtp_server,
                                                 vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    response = app.test_client().get(link_in(smtp_server.messages[0]))
    html = response.get_data(as_text=True)
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "http://" not in html.replace("http://127.0.0.1", "").replace("http://localhost", "")
    assert "https://" not in html
    assert "<script>" not in html  # only script files, no inline script


def test_portal_requests_are_limited_per_link_and_per_address(app, client, auth, smtp_server,
                                                             vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    app.config.update(PORTAL_RATE_LIMIT="3 per minute", PORTAL_IP_RATE_LIMIT="5 per minute")
    vendor = app.test_client()
    assert [vendor.get(link).status_code for _ in range(4)] == [200, 200, 200, 429]
    # Guessing other links from the same address is cut off by the address limit.
    guesses = [vendor.get(f"/portal/guess{n}").status_code for n in range(3)]
    assert guesses[-1] == 429


def test_the_link_does_not_stay_in_the_outbox_after_sending(app, client, auth, smtp_server,
                                                           vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    token = link_in(smtp_server.messages[0]).rsplit("/", 1)[1]
    with app.app_context():
        message = db.session.scalar(select(OutboxMessage))
        assert message.status == DeliveryStatus.SENT
        assert token not in message.body_text
        assert token not in message.body_html
        assert "/portal/[link removed after sending]" in message.body_text


def test_colleagues_are_capped_and_names_bounded(app, client, auth, smtp_server,
                                                vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    token = csrf_of(vendor, link)
    for number in range(9):
        vendor.post(f"{link}/colleague", data={
            "name": f"C{number}", "email": f"c{number}@vendor.example.com",
            "csrf_token": token})
    eleventh = vendor.post(f"{link}/colleague", data={
        "name": "One more", "email": "more@vendor.example.com", "csrf_token": token},
        follow_redirects=True)
    assert "already has 10 people with links" in page_text(eleventh)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Respondent)) == 10
        refused = db.session.scalars(select(LinkUse.action).where(
            LinkUse.action == "add_colleague_refused")).all()
        assert len(refused) == 1  # refused uses are logged too
    # Each colleague costs an e-mail, so the route has its own hourly limit.
    assert vendor.post(f"{link}/colleague", data={
        "name": "Again", "email": "again@vendor.example.com",
        "csrf_token": token}).status_code == 429


def test_a_colleague_name_is_bounded(app, client, auth, smtp_server, vendor_with_contact):
    create_and_send(client, auth, vendor_with_contact)
    link = link_in(smtp_server.messages[0])
    vendor = app.test_client()
    response = vendor.post(f"{link}/colleague", data={
        "name": "x" * 201, "email": "x@vendor.example.com", "csrf_token": csrf_of(vendor, link)},
        follow_redirects=True)
    assert "at most 200 characters" in page_text(response)
