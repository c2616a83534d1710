"""Choosing immediate mail or a daily digest on one's own account page."""

from sqlalchemy import select

from tests.helpers import page_text
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import NotificationMode, Role, User
from vendorrisk.foundation.extensions import db


def _mode(app, user_id: int) -> NotificationMode:
    with app.app_context():
        return db.session.get(User, user_id).notification_mode


def test_the_account_page_offers_the_choice(client, auth):
    auth.login_as(Role.REVIEWER)
    text = page_text(client.get("/auth/account"))
    assert "Hand-off notices" in text
    assert "An e-mail for each, as it happens" in text
    assert "One e-mail a day listing them (daily digest)" in text


def test_choosing_the_digest_is_saved_and_audited(app, client, auth):
    user = auth.login_as(Role.APPROVER)
    assert _mode(app, user.id) == NotificationMode.IMMEDIATE  # the default
    response = client.post("/auth/account/notifications", data={"mode": "digest"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/auth/account#notifications")
    assert _mode(app, user.id) == NotificationMode.DIGEST
    assert "Your notification setting is saved." in page_text(client.get("/auth/account"))
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(
            AuditEvent.action == "user.notifications_set"))
        assert event.details == {"mode": "digest"}
    html = client.get("/auth/account").get_data(as_text=True)
    assert '<option selected value="digest">' in html


def test_an_unknown_choice_is_refused_and_changes_nothing(app, client, auth):
    user = auth.login_as(Role.REVIEWER)
    response = client.post("/auth/account/notifications", data={"mode": "weekly"})
    assert response.status_code == 400
    assert "Not a valid choice" in page_text(response)
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _mode(app, user.id) == NotificationMode.IMMEDIATE


def test_the_choice_needs_the_form_token_and_a_login(app, client, auth):
    user = auth.login_as(Role.REVIEWER)
    refused = client.post("/auth/account/notifications", data={"mode": "digest"}, csrf=False)
    assert refused.status_code == 400
    assert _mode(app, user.id) == NotificationMode.IMMEDIATE
    auth.logout()
    response = client.post("/auth/account/notifications", data={"mode": "digest"})
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
    assert _mode(app, user.id) == NotificationMode.IMMEDIATE
