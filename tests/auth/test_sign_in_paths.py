"""The less travelled paths of company sign-in and two-factor: the provider saying no,
no confirmed address, a disabled account, a company account linked to someone else, a
code step left too long, another SECRET_KEY, and the buttons used out of turn."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import select

from tests.auth.test_two_factor import REQUIRED, at_the_code_step
from tests.helpers import page_text
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role, User
from vendorrisk.auth.services import set_active
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db


def _reasons(app) -> list[str]:
    with app.app_context():
        return [event.details["reason"] for event in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "user.sign_in_refused")
            .order_by(AuditEvent.seq))]


def test_the_provider_saying_no_is_said_and_audited(app, client, sso):
    client.get("/auth/sso/corp/start")
    response = client.get("/auth/sso/corp/callback?error=access_denied"
                          "&error_description=The+user+cancelled&state=x")
    assert response.headers["Location"] == "/auth/login"
    assert "did not complete the sign-in" in page_text(client.get("/auth/login"))
    assert _reasons(app) == ["provider_error"]


def test_no_confirmed_address_makes_no_account(app, client, sso):
    sub = sso.user(Role.AUDITOR)
    sso.provider.set_user(sub, email=f"{sub}@corp.example", name="N", groups=["vr-auditor"],
                          email_verified=False)
    assert sso.sign_in(client, sub).headers["Location"] == "/auth/login"
    assert "no confirmed e-mail address" in page_text(client.get("/auth/login"))
    assert _reasons(app) == ["no_email"]
    with app.app_context():
        assert db.session.scalar(select(User)) is None


def test_a_disabled_account_is_refused_at_the_provider_door_too(app, client, sso):
    sub = sso.login_as(client, Role.AUDITOR)
    client.post("/auth/logout")
    with app.app_context():
        user = db.session.scalar(select(User))
        set_active(user, False, actor=None, now=utcnow())
        db.session.commit()
    assert sso.sign_in(client, sub).headers["Location"] == "/auth/login"
    assert "This account is disabled." in page_text(client.get("/auth/login"))
    assert _reasons(app) == ["disabled"]


def test_a_company_account_links_to_one_user_only(app, client, auth, make_user, sso):
    sub = sso.user(Role.AUDITOR)
    first, second = make_user(Role.AUDITOR), make_user(Role.AUDITOR)
    auth.login(first.email)
    assert sso.link(client, sub).headers["Location"] == "/auth/account#sign-in"
    assert sso.link(client, sub).headers["Location"] == "/auth/account#sign-in"  # harmless
    client.post("/auth/logout")
    auth.login(second.email)
    response = sso.link(client, sub)
    assert response.headers["Location"] == "/auth/account#sign-in"
    assert "linked to another user already" in page_text(client.get("/auth/account"))
    assert _reasons(app) == ["linked_elsewhere"]
    assert client.get("/auth/sso/corp/start").headers["Location"] == "/dashboard/"


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_a_code_long_after_the_password_starts_over(app, client, auth, make_user):
    user = make_user(Role.ADMIN)
    at_the_code_step(client, auth, user)
    with time_machine.travel(utcnow() + timedelta(minutes=6)):
        response = client.post("/auth/login/code", data={"code": "123456"})
        assert response.headers["Location"] == "/auth/login"
        assert "too long ago" in page_text(client.get("/auth/login"))


@pytest.mark.parametrize("app", [REQUIRED], indirect=True)
def test_another_secret_key_means_enrolling_again(app, client, auth, make_user):
    user = make_user(Role.ADMIN)
    _secret, codes = at_the_code_step(client, auth, user)
    client.post("/auth/logout")
    app.config["SECRET_KEY"] = "another-secret-key-after-a-rotation-0123456789"
    auth.login(user.email)
    assert client.post("/auth/login/code", data={"code": "123456"}).status_code == 400
    # a recovery code is not sealed: it still signs in, and an administrator resets
    assert client.post("/auth/login/code", data={"code": codes[0]}).status_code == 302


def test_the_buttons_used_out_of_turn_change_nothing(app, client, auth, make_user):
    admin = auth.login_as(Role.ADMIN)
    other = make_user(Role.AUDITOR)
    assert client.post("/auth/two-factor/recovery-codes").headers[
        "Location"] == "/auth/two-factor"  # nothing to renew before enrolling
    response = client.post(f"/auth/users/{other.id}/two-factor/reset")
    assert response.headers["Location"] == f"/auth/users/{other.id}"
    refused = client.post("/auth/sign-in-policy", data={"break_glass": str(other.id)})
    assert refused.status_code == 400
    assert "must be an active administrator" in page_text(refused)
    own = client.post(f"/auth/users/{admin.id}/sessions/end")
    assert own.headers["Location"] == "/auth/login"  # the administrator's own, this one too
    assert client.get("/dashboard/").status_code == 302


@pytest.mark.sso_settings(scopes="openid email profile")  # the groups are not released
def test_a_token_without_the_groups_claim_changes_no_role(app, client, auth, make_user, sso):
    user = make_user(Role.APPROVER, Role.AUDITOR)
    sub = sso.user(Role.APPROVER)
    auth.login(user.email)
    assert sso.link(client, sub).headers["Location"] == "/auth/account#sign-in"
    client.post("/auth/logout")
    assert sso.sign_in(client, sub).headers["Location"] == "/auth/login"
    assert "did not say which groups" in page_text(client.get("/auth/login"))
    assert _reasons(app) == ["no_groups_claim"]
    with app.app_context():
        assert db.session.get(User, user.id).roles == {Role.APPROVER, Role.AUDITOR}


def test_the_groups_do_not_take_away_the_last_administrator(app, client, auth, make_user, sso):
    admin = make_user(Role.ADMIN)
    sub = sso.user(Role.AUDITOR)  # the provider's groups say: an auditor only
    auth.login(admin.email)
    sso.link(client, sub)
    client.post("/auth/logout")
    assert sso.sign_in(client, sub).headers["Location"] == "/auth/login"
    assert "you are the last one here" in page_text(client.get("/auth/login"))
    assert _reasons(app) == ["last_admin"]
    with app.app_context():
        assert db.session.get(User, admin.id).roles == {Role.ADMIN}


def test_the_break_glass_administrator_stays_one(app, client, auth, make_user, sso):
    keeper, admin = make_user(Role.ADMIN), make_user(Role.ADMIN)
    auth.login(admin.email)
    client.post("/auth/sign-in-policy", data={"require_sso": "y",
                                              "break_glass": str(keeper.id)})
    demoted = client.post(f"/auth/users/{keeper.id}", data={
        "email": keeper.email, "name": keeper.name, "language": "en", "roles": ["auditor"]})
    assert demoted.status_code == 400
    assert "break-glass administrator" in page_text(demoted)
    disabled = client.post(f"/auth/users/{keeper.id}/active", data={"active": "0"})
    assert disabled.status_code == 302
    assert "break-glass administrator" in page_text(client.get(f"/auth/users/{keeper.id}"))
    with app.app_context():
        assert db.session.get(User, keeper.id).active
    sub = sso.user(Role.AUDITOR)  # linked, the provider's groups leave their roles alone
    client.post("/auth/logout")
    auth.login(keeper.email)
    sso.link(client, sub)
    client.post("/auth/logout")
    assert sso.sign_in(client, sub).status_code == 302
    with app.app_context():
        assert db.session.get(User, keeper.id).roles == {Role.ADMIN}


def test_an_account_made_at_company_sign_in_has_no_password_to_guess(app, client, sso):
    sub = sso.login_as(client, Role.AUDITOR)
    assert "has no password here" in page_text(client.get("/auth/account"))
    client.post("/auth/logout")
    for password in ("!company-sign-in", "", "correct horse battery"):
        response = client.post("/auth/login", data={"email": f"{sub}@corp.example",
                                                     "password": password})
        assert response.status_code == 200
    assert client.get("/dashboard/").status_code == 302


def test_a_sign_in_finished_in_a_tab_signed_in_already_ends_the_first(app, client, sso,
                                                                        make_user, auth):
    first = make_user(Role.AUDITOR)
    sub = sso.user(Role.PROCUREMENT)
    callback = sso.callback_url(client, sub)  # started while signed out
    auth.login(first.email)  # another tab signs in meanwhile
    assert client.get(callback).status_code == 302
    assert "corp.example" in page_text(client.get("/auth/account"))
    with app.app_context():
        from vendorrisk.auth.models import UserSession  # noqa: PLC0415
        sessions = db.session.scalars(select(UserSession).where(
            UserSession.user_id == first.id)).all()
    assert [row.end_reason for row in sessions] == ["logout"]


@pytest.mark.parametrize(("email", "groups", "reason"), [
    ("not an address", ["vr-auditor"], "no_email"),
    ("someone@corp.example", ["another-department"], "no_role")])
def test_a_first_sign_in_that_cannot_make_an_account_makes_none(app, client, sso, email,
                                                                 groups, reason):
    sub = sso.user(email=email, groups=groups)
    assert sso.sign_in(client, sub).headers["Location"] == "/auth/login"
    assert _reasons(app) == [reason]
    with app.app_context():
        assert db.session.scalar(select(User)) is None


@pytest.mark.sso_settings(scopes="openid email profile")
def test_a_first_sign_in_without_the_groups_claim_makes_no_account(app, client, sso):
    assert sso.sign_in(client, sso.user(Role.AUDITOR)).headers["Location"] == "/auth/login"
    assert _reasons(app) == ["no_groups_claim"]


def test_an_answer_without_an_id_token_or_racing_another_is_refused(app, client, sso,
                                                                     monkeypatch):
    """Two faults no certified provider makes on purpose, injected at the seam."""
    from sqlalchemy.exc import IntegrityError  # noqa: PLC0415

    from vendorrisk.auth import sso_views  # noqa: PLC0415
    sub = sso.user(Role.AUDITOR)
    callback = sso.callback_url(client, sub)
    with app.test_request_context():
        oauth_client = type(sso_views.client("corp"))
    monkeypatch.setattr(oauth_client, "authorize_access_token",
                        lambda self, **kwargs: {"access_token": "x"})
    assert client.get(callback).headers["Location"] == "/auth/login"
    monkeypatch.undo()

    def racing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise IntegrityError("INSERT", {}, Exception("uq_user_identities_issuer_subject"))
    monkeypatch.setattr(sso_views, "sign_in_from_claims", racing)
    assert sso.sign_in(client, sub).headers["Location"] == "/auth/login"
    assert "was under way" in page_text(client.get("/auth/login"))
    assert _reasons(app) == ["token", "busy"]


def test_the_rules_out_of_turn(app, make_user):
    from vendorrisk.auth.second_factor import check_code  # noqa: PLC0415
    from vendorrisk.auth.sessions import end_one  # noqa: PLC0415
    user = make_user(Role.AUDITOR)
    with app.app_context():
        stored = db.session.get(User, user.id)
        assert check_code(stored, "123456", now=utcnow()) is None  # not enrolled
        assert end_one(stored, 999, actor=stored, now=utcnow()) is False
