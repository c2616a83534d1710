"""Sessions live on the server: logging out, a password change and disabling end them
for good, a session has an absolute end and an idle end, a cookie used from another
browser is dropped, and one's own password change keeps one's own session (it used to
kill the process)."""

from datetime import timedelta

import time_machine
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.helpers import page_text
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role, User, UserSession
from vendorrisk.auth.services import authenticate
from vendorrisk.auth.token_models import ApiToken
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db

NEW_PASSWORD = "a brand new passphrase"


def _other_client(app, cookie: str):
    """Another browser holding a copy of ``cookie`` (the same address and agent)."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def _logged_in(response) -> bool:
    return response.status_code == 200


def test_changing_ones_own_password_keeps_this_session_and_ends_the_others(app, client,
                                                                           make_user):
    user = make_user(Role.REVIEWER)
    elsewhere = app.test_client()  # a CsrfClient too (see the client fixture)
    for browser in (client, elsewhere):
        assert browser.post("/auth/login", data={"email": user.email, "password": PASSWORD}
                            ).status_code == 302
    response = client.post("/auth/account/password", data={
        "current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302, page_text(response)
    assert "Your password is changed" in page_text(client.get("/auth/account"))
    assert _logged_in(client.get("/dashboard/"))
    assert elsewhere.get("/dashboard/").status_code == 302
    with app.app_context():
        sessions = db.session.scalars(select(UserSession).where(
            UserSession.user_id == user.id)).all()
        assert authenticate(user.email, NEW_PASSWORD, now=utcnow()) is not None
        assert authenticate(user.email, PASSWORD, now=utcnow()) is None
    assert [s.end_reason for s in sessions if s.ended_at] == ["password"] * (len(sessions) - 1)


def test_a_wrong_current_password_changes_nothing(app, client, auth):
    user = auth.login_as(Role.AUDITOR)
    response = client.post("/auth/account/password", data={
        "current": "not my password", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 400
    assert "The current password is not correct." in page_text(response)
    with app.app_context():
        assert authenticate(user.email, PASSWORD, now=utcnow()) is not None


def test_a_logged_out_session_cookie_is_worthless_from_any_browser(app, client, auth):
    user = auth.login_as(Role.AUDITOR)
    cookie = client.get_cookie("session").value
    assert _logged_in(_other_client(app, cookie).get("/dashboard/"))
    auth.logout()
    replay = _other_client(app, cookie).get("/dashboard/")
    assert replay.status_code == 302
    assert replay.headers["Location"].startswith("/auth/login")
    with app.app_context():
        row = db.session.scalars(select(UserSession).where(UserSession.user_id == user.id)).one()
        assert row.end_reason == "logout"
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.logout"))


def test_a_session_ends_at_its_lifetime_however_busy(app, client, auth):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        auth.login_as(Role.AUDITOR)
    # Used every 30 minutes: the idle limit never bites, the absolute end does.
    for half_hours in range(1, 16):
        with time_machine.travel(start + timedelta(minutes=30 * half_hours), tick=False):
            assert _logged_in(client.get("/dashboard/")), half_hours
    with time_machine.travel(start + timedelta(hours=8, seconds=1), tick=False):
        assert client.get("/dashboard/").status_code == 302


def test_a_session_unused_for_the_idle_time_ends(app, client, auth):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        auth.login_as(Role.AUDITOR)
    with time_machine.travel(start + timedelta(minutes=119), tick=False):
        assert _logged_in(client.get("/dashboard/"))
    with time_machine.travel(start + timedelta(minutes=119 + 121), tick=False):
        assert client.get("/dashboard/").status_code == 302


def test_a_session_cookie_from_another_browser_is_dropped(app, client, auth):
    auth.login_as(Role.AUDITOR)
    cookie = client.get_cookie("session").value
    thief = _other_client(app, cookie)
    stolen = thief.get("/dashboard/", headers={"User-Agent": "Other browser/1.0"})
    assert stolen.status_code == 302
    assert _logged_in(client.get("/dashboard/"))


def test_an_admin_password_reset_ends_sessions_and_revokes_api_tokens(app, client, auth,
                                                                      make_user):
    target = make_user(Role.PROCUREMENT)
    theirs = app.test_client()
    assert theirs.post("/auth/login", data={"email": target.email, "password": PASSWORD}
                       ).status_code == 302
    with app.app_context():
        from vendorrisk.auth.tokens import create_token

        raw, _ = create_token(db.session.get(User, target.id), name="CI", roles=["procurement"],
                              expires_on=utcnow().date() + timedelta(days=30), now=utcnow())
        db.session.commit()
    assert client.application.test_client().get(
        "/api/v1/vendors", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    auth.login_as(Role.ADMIN)
    response = client.post(f"/auth/users/{target.id}/password",
                           data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert "their sessions and API tokens have ended" in page_text(
        client.get(response.headers["Location"]))
    assert app.test_client().get("/api/v1/vendors", headers={
        "Authorization": f"Bearer {raw}"}).status_code == 401
    with app.app_context():
        token = db.session.scalars(select(ApiToken).where(ApiToken.user_id == target.id)).one()
        assert token.revoked_at is not None
        assert [s.end_reason for s in db.session.scalars(
            select(UserSession).where(UserSession.user_id == target.id))] == ["password"]
    assert theirs.get("/dashboard/").status_code == 302


def test_the_cookie_holds_no_user_id_and_the_row_no_key(app, client, auth):
    user = auth.login_as(Role.AUDITOR)
    with client.session_transaction() as session:
        key = session["_user_id"]
    assert key != str(user.id)
    assert len(key) >= 40
    with app.app_context():
        row = db.session.scalars(select(UserSession)).one()
        assert key not in (row.key_hash, row.address, row.user_agent)
