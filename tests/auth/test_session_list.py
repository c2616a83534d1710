"""Where one is signed in: the account page lists the open sessions (device, address,
last seen) and ends any of them; an administrator ends all of a user's. And the sign-in
policy: company sign-in required of everyone but the break-glass administrator."""

import pytest
from sqlalchemy import select

from tests.helpers import page_text, table_snapshot
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.devices import device_name
from vendorrisk.auth.models import Role, SignInPolicy, UserSession
from vendorrisk.foundation.extensions import db

CHROME_WINDOWS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                  "Gecko) Chrome/131.0.0.0 Safari/537.36")
SAFARI_IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                 "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")


@pytest.mark.parametrize(("agent", "named"), [
    (CHROME_WINDOWS, ("Chrome", "Windows")), (SAFARI_IPHONE, ("Safari", "iPhone")),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
     ("Firefox", "Linux")),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", ("Edge", "macOS")),
    ("curl/8.5.0", (None, None)), (None, (None, None)), ("", (None, None))])
def test_a_device_is_named_as_people_name_it(agent, named):
    assert device_name(agent) == named


def _sessions(app, user_id: int) -> list[UserSession]:
    with app.app_context():
        return list(db.session.scalars(select(UserSession).where(
            UserSession.user_id == user_id).order_by(UserSession.id)))


def test_the_account_page_lists_the_sessions_and_ends_one(app, client, make_user):
    user = make_user(Role.AUDITOR)
    laptop, phone = app.test_client(), client  # the client fixture set the class
    for browser, agent in ((laptop, CHROME_WINDOWS), (phone, SAFARI_IPHONE)):
        response = browser.post("/auth/login", data={"email": user.email,
                                                     "password": "correct horse battery"},
                                headers={"User-Agent": agent})
        assert response.status_code == 302
    text = page_text(phone.get("/auth/account", headers={"User-Agent": SAFARI_IPHONE}))
    assert "Chrome on Windows" in text
    assert "Safari on iPhone" in text
    assert "This session" in text
    laptop_session, _phone_session = _sessions(app, user.id)
    response = phone.post(f"/auth/account/sessions/{laptop_session.id}/end",
                          headers={"User-Agent": SAFARI_IPHONE})
    assert response.headers["Location"] == "/auth/account#sessions"
    assert laptop.get("/dashboard/", headers={"User-Agent": CHROME_WINDOWS}
                      ).headers["Location"].startswith("/auth/login")
    assert "Chrome on Windows" not in page_text(
        phone.get("/auth/account", headers={"User-Agent": SAFARI_IPHONE}))
    again = phone.post(f"/auth/account/sessions/{laptop_session.id}/end",
                       headers={"User-Agent": SAFARI_IPHONE})
    assert again.headers["Location"] == "/auth/account#sessions"  # ended already: said
    _laptop, phone_session = _sessions(app, user.id)
    own = phone.post(f"/auth/account/sessions/{phone_session.id}/end",
                     headers={"User-Agent": SAFARI_IPHONE})
    assert own.headers["Location"] == "/auth/login"
    with app.app_context():
        ended = db.session.scalars(select(AuditEvent.action).where(
            AuditEvent.action == "user.session_ended")).all()
    assert len(ended) == 2


def test_a_session_of_someone_else_cannot_be_ended(app, client, auth, make_user):
    other = make_user(Role.AUDITOR)
    app.test_client().post("/auth/login", data={"email": other.email,
                                                "password": "correct horse battery"})
    auth.login_as(Role.AUDITOR)
    [theirs] = _sessions(app, other.id)
    with app.app_context():
        before = table_snapshot()
    response = client.post(f"/auth/account/sessions/{theirs.id}/end")
    assert response.headers["Location"] == "/auth/account#sessions"
    with app.app_context():
        assert table_snapshot() == before


def test_an_administrator_ends_every_session_of_a_user(app, client, auth, make_user):
    user = make_user(Role.PROCUREMENT)
    theirs = app.test_client()
    theirs.post("/auth/login", data={"email": user.email, "password": "correct horse battery"})
    assert theirs.get("/dashboard/").status_code == 200
    auth.login_as(Role.ADMIN)
    assert "1 open session." in page_text(client.get(f"/auth/users/{user.id}"))
    response = client.post(f"/auth/users/{user.id}/sessions/end")
    assert response.headers["Location"] == f"/auth/users/{user.id}"
    assert theirs.get("/dashboard/").headers["Location"].startswith("/auth/login")
    assert "0 open sessions." in page_text(client.get(f"/auth/users/{user.id}"))
    assert client.get("/dashboard/").status_code == 200  # the administrator's own go on


def test_company_sign_in_required_leaves_a_password_to_the_break_glass_admin_only(
        app, client, auth, make_user, sso):
    admin = make_user(Role.ADMIN)
    auth.login(admin.email)
    refused = client.post("/auth/sign-in-policy", data={"require_sso": "y", "break_glass": ""})
    assert refused.status_code == 400
    assert "Choose the break-glass administrator" in page_text(refused)
    with app.app_context():
        assert db.session.scalar(select(SignInPolicy)) is None  # nothing saved
    assert client.post("/auth/sign-in-policy", data={
        "require_sso": "y", "break_glass": str(admin.id)}).status_code == 302
    client.post("/auth/logout")
    staff = make_user(Role.PROCUREMENT)
    response = auth.login(staff.email)
    assert response.status_code == 200
    assert "requires signing in through its identity provider" in page_text(response)
    wrong = auth.login(staff.email, "a wrong password")  # the same words: nothing told
    assert "requires signing in through its identity provider" in page_text(wrong)
    assert client.get("/dashboard/").status_code == 302
    page = page_text(client.get("/auth/login"))
    assert "Sign in with Corp ID" in page
    assert "Break-glass administrator" in page
    assert auth.login(admin.email).status_code == 302  # the break-glass account still can
    client.post("/auth/logout")
    sso.login_as(client, Role.PROCUREMENT)  # and everyone through the provider
    with app.app_context():
        events = {event.action: event for event in db.session.scalars(select(AuditEvent))}
    assert events["auth.policy_changed"].details == {
        "require_sso": [False, True], "break_glass": [None, admin.id]}
    assert events["user.sign_in_refused"].details == {"method": "password",
                                                      "reason": "sso_required"}


def test_company_sign_in_cannot_be_required_without_a_provider(client, auth):
    admin = auth.login_as(Role.ADMIN)
    page = page_text(client.get("/auth/sign-in-policy"))
    assert "None configured" in page
    response = client.post("/auth/sign-in-policy", data={"require_sso": "y",
                                                         "break_glass": str(admin.id)})
    assert response.status_code == 400
    assert "No identity provider is configured" in page_text(response)
