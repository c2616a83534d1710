"""Two-factor sign-in (TOTP): enrolment with a QR code, the code after the password,
a code used twice, recovery codes used once, wrong codes, and the roles that must enrol
kept on the enrolment page, whatever they open, until they have."""

import re
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
import time_machine
from sqlalchemy import select

from tests.conftest import PASSWORD
from tests.helpers import page_text, table_snapshot
from tests.test_routes import _sample_url
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.factor_views import OPEN_WHILE_ENROLLING
from vendorrisk.auth.models import RecoveryCode, Role, User
from vendorrisk.foundation.extensions import db

REQUIRED = {"TOTP_REQUIRED_ROLES": "admin,approver,executive"}  # production's default
START = datetime(2026, 12, 5, 9, 0, 0, tzinfo=UTC)  # the start of a 30-second step


def _secret(response) -> str:
    found = re.search(r'<code class="user-select-all fs-6">([A-Z2-7 ]+)</code>', response.text)
    assert found, response.text
    return found.group(1).replace(" ", "")


def _enrol(client) -> tuple[str, list[str]]:
    page = client.get("/auth/two-factor")
    assert page.status_code == 200
    assert "<svg" in page.text
    assert "<title>" in page.text
    secret = _secret(page)
    response = client.post("/auth/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 200, page_text(response)
    codes = re.findall(r"<li>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</li>", response.text)
    assert len(codes) == 10
    return secret, codes


def at_the_code_step(client, auth, user: User) -> tuple[str, list[str]]:  # noqa: ANN001
    """``user`` enrolled, signed out, and signed in again with the password: the code is
    asked for next. Returns the secret and the recovery codes."""
    auth.login(user.email)
    secret, codes = _enrol(client)
    client.post("/auth/logout")
    auth.login(user.email)
    return secret, codes


def _code(secret: str, at: datetime) -> str:
    return pyotp.TOTP(secret).at(at)


def _actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)))


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_a_role_that_requires_it_can_open_nothing_until_enrolled(app, client, auth):
    auth.login_as(Role.APPROVER)
    with app.app_context():
        before = table_snapshot()
    checked = 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint in OPEN_WHILE_ENROLLING:
            continue
        url = _sample_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, data={"note": "x"})
            response.close()
            assert response.status_code == 303, (method, url, response.status_code)
            assert response.headers["Location"] == "/auth/two-factor", (method, url)
            checked += 1
    assert checked > 150
    with app.app_context():
        assert table_snapshot() == before  # nothing done, nothing recorded
    assert client.get("/auth/two-factor").status_code == 200
    assert client.post("/auth/logout").status_code == 302  # signing out is open


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_enrolment_needs_a_right_code_then_gives_recovery_codes(app, client, auth):
    user = auth.login_as(Role.ADMIN)
    page = client.get("/auth/two-factor")
    assert "requires a second factor" in page_text(page)
    secret = _secret(page)
    refused = client.post("/auth/two-factor", data={"code": "000000"})
    assert refused.status_code == 400
    assert "does not match" in page_text(refused)
    assert _secret(refused) == secret  # the same key until a right code confirms it
    assert client.get("/dashboard/").status_code == 303
    response = client.post("/auth/two-factor", data={"code": pyotp.TOTP(secret).now()})
    assert "shown only this once" in page_text(response)
    assert client.get("/dashboard/").status_code == 200
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert stored.totp_secret
        assert secret not in stored.totp_secret
        hashes = db.session.scalars(select(RecoveryCode.code_hash)).all()
        assert len(hashes) == 10
        assert not any("-" in value for value in hashes)
    assert "user.totp_enrolled" in _actions(app)


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_sign_in_asks_for_the_code_and_a_code_works_once(app, client, auth, make_user):
    user = make_user(Role.ADMIN)
    with time_machine.travel(START, tick=False):
        auth.login(user.email)
        secret, _codes = _enrol(client)  # used the code of START's step
        client.post("/auth/logout")
        response = auth.login(user.email)
        assert response.headers["Location"] == "/auth/login/code"
        assert client.get("/dashboard/").headers["Location"].startswith("/auth/login")
        assert _actions(app).count("user.login") == 1  # the enrolment's own sign-in only
        missing = client.post("/auth/login/code", data={"code": ""})
        assert missing.status_code == 400
        reused = client.post("/auth/login/code", data={"code": _code(secret, START)})
        assert reused.status_code == 400
        assert "used already" in page_text(reused)
        following = _code(secret, START + timedelta(seconds=30))  # the next step: drift
        response = client.post("/auth/login/code", data={"code": following})
        assert response.headers["Location"] == "/dashboard/"
        assert client.get("/dashboard/").status_code == 200
        client.post("/auth/logout")
        auth.login(user.email)
        again = client.post("/auth/login/code", data={"code": following})
        assert again.status_code == 400
    with app.app_context():
        logins = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "user.login").order_by(AuditEvent.seq)).all()
        assert [event.details for event in logins] == [
            {"method": "password"}, {"method": "password", "second_factor": "totp"}]
    assert _actions(app).count("user.second_factor_refused") == 2


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_a_recovery_code_signs_in_once(app, client, auth, make_user):
    user = make_user(Role.EXECUTIVE)
    _secret_key, codes = at_the_code_step(client, auth, user)
    response = client.post("/auth/login/code", data={"code": codes[3].upper()})
    assert response.headers["Location"] == "/dashboard/"
    assert "9 recovery codes left" in page_text(client.get("/auth/two-factor"))
    assert client.post("/auth/two-factor").headers["Location"] == "/auth/two-factor"  # done
    client.post("/auth/logout")
    auth.login(user.email)
    assert client.post("/auth/login/code", data={"code": codes[3]}).status_code == 400
    renewed = client.post("/auth/login/code", data={"code": codes[4]})
    assert renewed.status_code == 302
    unproved = client.post("/auth/two-factor/recovery-codes")  # an open session alone
    assert unproved.status_code == 400
    assert "Enter the code." in page_text(unproved)
    wrong = client.post("/auth/two-factor/recovery-codes", data={"code": "123456"})
    assert "not right" in page_text(wrong)
    fresh = client.post("/auth/two-factor/recovery-codes", data={"code": codes[6]})
    assert "no longer work" in page_text(fresh)
    client.post("/auth/logout")
    auth.login(user.email)
    assert client.post("/auth/login/code", data={"code": codes[5]}).status_code == 400
    assert _actions(app).count("user.recovery_code_used") == 3  # two sign-ins, one renewal


@pytest.mark.parametrize("app", [{**REQUIRED, "TOTP_RATE_LIMIT": "100 per minute"}],
                         indirect=True)
def test_ten_wrong_codes_in_a_row_lock_it_until_an_administrator_resets(
        app, client, auth, make_user):
    user = make_user(Role.ADMIN)
    secret, _codes = at_the_code_step(client, auth, user)
    for _ in range(9):
        assert client.post("/auth/login/code", data={"code": "123456"}).status_code == 400
    client.post("/auth/logout")  # a new sign-in does not start the count again
    auth.login(user.email)
    response = client.post("/auth/login/code", data={"code": "123456"})
    assert response.headers["Location"] == "/auth/login"
    assert "Ask an administrator to reset" in page_text(client.get("/auth/login"))
    auth.login(user.email)  # the right code no longer helps
    assert client.get("/auth/login/code").headers["Location"] == "/auth/login"
    assert "user.second_factor_locked" in _actions(app)
    other = make_user(Role.ADMIN)
    client.post("/auth/logout")
    auth.login(other.email)
    _enrol(client)
    client.post(f"/auth/users/{user.id}/two-factor/reset")
    client.post("/auth/logout")
    auth.login(user.email)
    assert client.get("/dashboard/").headers["Location"] == "/auth/two-factor"
    assert secret  # enrolled again from scratch


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_a_secret_begun_by_one_user_is_never_shown_to_the_next(app, client, auth, make_user):
    first, second = make_user(Role.ADMIN), make_user(Role.APPROVER)
    auth.login(first.email)
    seen = _secret(client.get("/auth/two-factor"))
    client.post("/auth/logout")
    auth.login(second.email)  # the same browser
    assert _secret(client.get("/auth/two-factor")) != seen
    with client.session_transaction() as session:  # a cookie planted with the first's
        session["totp_enrolling"] = {"user": first.id, "sealed": "x"}
    assert _secret(client.get("/auth/two-factor")) != seen


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_enrolling_ends_the_sessions_begun_without_it(app, client, auth, make_user):
    user = make_user(Role.ADMIN)
    elsewhere = app.test_client()
    elsewhere.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert elsewhere.get("/auth/two-factor").status_code == 200
    auth.login(user.email)
    _enrol(client)
    assert elsewhere.get("/auth/two-factor").headers["Location"].startswith("/auth/login")
    assert client.get("/dashboard/").status_code == 200


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_an_api_token_waits_for_the_enrolment_too(app, client, auth, make_user):
    from vendorrisk.auth.tokens import create_token  # noqa: PLC0415
    from vendorrisk.foundation.clock import utcnow  # noqa: PLC0415
    user = make_user(Role.APPROVER)
    with app.app_context():
        stored = db.session.get(User, user.id)
        raw, _token = create_token(stored, name="ERP", roles=["approver"],
                                   expires_on=(utcnow() + timedelta(days=30)).date(),
                                   now=utcnow())
        db.session.commit()
    response = client.get("/api/v1/vendors", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401
    assert "two-factor" in response.json["detail"]


@pytest.mark.parametrize("app", [{**REQUIRED, "TOTP_RATE_LIMIT": "3 per minute"}],
                         indirect=True)
def test_codes_are_rate_limited(app, client, auth, make_user):
    user = make_user(Role.ADMIN)
    at_the_code_step(client, auth, user)
    statuses = [client.post("/auth/login/code", data={"code": "123456"}).status_code
                for _ in range(4)]
    assert statuses == [400, 400, 400, 429]


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_only_a_role_that_does_not_require_it_may_turn_it_off(app, client, auth, make_user):
    auth.login_as(Role.PROCUREMENT)
    assert client.get("/dashboard/").status_code == 200  # optional: not asked to enrol
    secret, _codes = _enrol(client)
    assert client.post("/auth/two-factor/off").status_code == 400  # no code: no change
    following = _code(secret, datetime.now(UTC) + timedelta(seconds=30))
    response = client.post("/auth/two-factor/off", data={"code": following})
    assert response.headers["Location"] == "/auth/two-factor"
    assert "Set up two-factor" in page_text(client.get("/auth/two-factor"))
    client.post("/auth/logout")
    auth.login_as(Role.APPROVER)
    secret, _codes = _enrol(client)
    following = _code(secret, datetime.now(UTC) + timedelta(seconds=30))
    refused = client.post("/auth/two-factor/off", data={"code": following})
    assert refused.status_code == 400
    assert "cannot be turned off" in page_text(refused)
    assert "recovery codes left" in page_text(client.get("/auth/two-factor"))


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_an_administrator_resets_a_lost_authenticator(app, client, auth, make_user):
    approver = make_user(Role.APPROVER)
    auth.login(approver.email)
    _enrol(client)
    client.post("/auth/logout")
    admin = make_user(Role.ADMIN)
    auth.login(admin.email)
    _enrol(client)
    response = client.post(f"/auth/users/{approver.id}/two-factor/reset")
    assert response.headers["Location"] == f"/auth/users/{approver.id}"
    client.post("/auth/logout")
    assert auth.login(approver.email).headers["Location"] == "/auth/two-factor"  # enrol again
    with app.app_context():
        assert db.session.get(User, approver.id).totp_secret is None
        assert not db.session.scalars(select(RecoveryCode).where(
            RecoveryCode.user_id == approver.id)).all()
    assert "user.totp_removed" in _actions(app)


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_company_sign_in_is_followed_by_the_code_too(app, client, sso):
    sub = sso.user(Role.APPROVER)
    assert sso.sign_in(client, sub).headers["Location"] == "/auth/two-factor"
    _enrol(client)
    client.post("/auth/logout")
    response = sso.sign_in(client, sub)
    assert response.headers["Location"] == "/auth/login/code"
    assert client.get("/dashboard/").status_code == 302  # not signed in without the code


def test_two_requests_racing_with_one_code_let_only_one_in(app, make_user):
    """Both read the user before either wrote: the database decides which took the step."""
    from vendorrisk.auth.second_factor import (  # noqa: PLC0415
        check_code,
        confirm_enrolment,
        enrolment_secret,
    )
    user = make_user(Role.ADMIN)
    with time_machine.travel(START - timedelta(minutes=2), tick=False), app.app_context():
        sealed, secret = enrolment_secret(None)
        confirm_enrolment(db.session.get(User, user.id), sealed, pyotp.TOTP(secret).now(),
                          now=START - timedelta(minutes=2))
        db.session.commit()
    code = _code(secret, START)
    with time_machine.travel(START, tick=False), app.app_context():
        first = db.session.get(User, user.id)
        with app.app_context():  # a second request, its own session
            second = db.session.get(User, user.id)
            assert first is not second
            assert check_code(second, code, now=START) == "totp"
            db.session.commit()
        assert check_code(first, code, now=START) is None
