"""Company sign-in against a real OpenID provider (oidc-provider, tests/oidc_provider.py):
the code flow, provisioning from groups, roles re-read at every sign-in, and every way
an answer can be wrong (state, a replayed code, nonce, expiry, audience, issuer, key),
each refused with nothing signed in, and audited."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from sqlalchemy import select

from tests.helpers import page_text
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role, User, UserIdentity
from vendorrisk.foundation.extensions import db


def _events(app, action: str) -> list[AuditEvent]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)
                                       .order_by(AuditEvent.seq)))


def _user(app, email: str) -> User | None:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            user.roles  # noqa: B018  (loaded before the session closes)
            db.session.expunge(user)
        return user


def _signed_in(client) -> bool:
    return client.get("/auth/account").status_code == 200


def _with_query(url: str, **changes: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    return urlunsplit(parts._replace(query=urlencode({**query, **changes})))


def test_the_login_page_offers_the_provider(client, sso):
    assert "Sign in with Corp ID" in page_text(client.get("/auth/login"))


def test_first_sign_in_makes_the_user_with_the_roles_of_their_groups(app, client, sso):
    sub = sso.user(Role.APPROVER, Role.AUDITOR)
    start = client.get("/auth/sso/corp/start?next=/vendors/")
    query = dict(parse_qsl(urlsplit(start.headers["Location"]).query))
    assert query["code_challenge_method"] == "S256"
    assert query["code_challenge"]
    assert query["state"]
    assert query["nonce"]
    assert "groups" in query["scope"]
    response = client.get(sso.provider.sign_in(start.headers["Location"], sub))
    assert response.status_code == 302
    assert response.headers["Location"] == "/vendors/"
    assert _signed_in(client)
    user = _user(app, f"{sub}@corp.example")
    assert user.roles == {Role.APPROVER, Role.AUDITOR}
    with app.app_context():
        identity = db.session.scalar(select(UserIdentity))
        assert (identity.issuer, identity.subject, identity.user_id) == (
            sso.provider.issuer, sub, user.id)
    [provisioned] = _events(app, "user.provisioned")
    assert provisioned.actor_label == "Corp ID"
    assert provisioned.details["roles"] == ["approver", "auditor"]
    [login] = _events(app, "user.login")
    assert login.details == {"method": "sso", "provider": "corp"}


def test_a_group_removed_at_the_provider_removes_the_role_at_the_next_sign_in(
        app, client, sso):
    sub = sso.user(Role.APPROVER, Role.PROCUREMENT)
    sso.sign_in(client, sub)
    client.post("/auth/logout")
    sso.user(Role.PROCUREMENT, sub=sub)
    assert sso.sign_in(client, sub).status_code == 302
    assert _user(app, f"{sub}@corp.example").roles == {Role.PROCUREMENT}
    assert client.get("/assessments/queue/approval").status_code == 403
    [change] = _events(app, "user.roles_from_claims")
    assert change.details["roles"] == [["approver", "procurement"], ["procurement"]]
    client.post("/auth/logout")
    sso.user(sub=sub, groups=["another-department"])  # no group of ours left
    response = sso.sign_in(client, sub)
    assert response.headers["Location"] == "/auth/login"
    assert not _signed_in(client)
    assert "in no group that gives access" in page_text(client.get("/auth/login"))
    assert _user(app, f"{sub}@corp.example").roles == frozenset()
    assert _events(app, "user.sign_in_refused")[-1].details["reason"] == "no_role"


@pytest.mark.sso_settings(provision=False)
def test_provisioning_off_refuses_an_unknown_subject(app, client, sso):
    sub = sso.user(Role.ADMIN)
    response = sso.sign_in(client, sub)
    assert response.headers["Location"] == "/auth/login"
    assert not _signed_in(client)
    assert "not linked to an account here" in page_text(client.get("/auth/login"))
    assert _user(app, f"{sub}@corp.example") is None
    [refused] = _events(app, "user.sign_in_refused")
    assert refused.details == {"provider": "corp", "reason": "unknown_subject", "subject": sub}


def test_an_address_already_in_use_is_not_taken_over_and_the_owner_can_link_it(
        app, client, auth, sso, make_user):
    owner = make_user(Role.AUDITOR, email="bob@corp.example")
    sub = sso.user(Role.ADMIN, email="bob@corp.example")  # the provider says it is Bob
    response = sso.sign_in(client, sub)
    assert response.headers["Location"] == "/auth/login"
    assert not _signed_in(client)
    assert _events(app, "user.sign_in_refused")[-1].details["reason"] == "email_taken"
    assert _user(app, "bob@corp.example").roles == {Role.AUDITOR}
    auth.login(owner.email)  # Bob himself links it, having proved both
    response = sso.link(client, sub)
    assert response.headers["Location"] == "/auth/account#sign-in"
    assert "Linked to your Corp ID account" in page_text(client.get("/auth/account"))
    client.post("/auth/logout")
    assert sso.sign_in(client, sub).status_code == 302
    assert _signed_in(client)
    assert "bob@corp.example" in page_text(client.get("/auth/account"))
    assert _user(app, "bob@corp.example").roles == {Role.ADMIN}  # the groups decide now


def test_a_tampered_state_is_refused(app, client, sso):
    callback = sso.callback_url(client, sso.user(Role.AUDITOR))
    response = client.get(_with_query(callback, state="forged"))
    assert response.headers["Location"] == "/auth/login"
    assert not _signed_in(client)
    assert "could not be matched to this browser" in page_text(client.get("/auth/login"))
    assert _events(app, "user.sign_in_refused")[-1].details["reason"] == "state"
    assert _user(app, "x") is None
    assert not _events(app, "user.login")


def test_a_replayed_code_is_refused(app, client, sso):
    sub = sso.user(Role.AUDITOR)
    callback = sso.callback_url(client, sub)
    assert client.get(callback).status_code == 302
    assert _signed_in(client)
    client.post("/auth/logout")
    assert client.get(callback).headers["Location"] == "/auth/login"  # its state is spent
    # With a fresh state of its own, the spent code is refused by the provider
    fresh = sso.callback_url(client, sub)
    stolen = dict(parse_qsl(urlsplit(callback).query))["code"]
    assert client.get(_with_query(fresh, code=stolen)).headers["Location"] == "/auth/login"
    assert not _signed_in(client)
    reasons = [event.details for event in _events(app, "user.sign_in_refused")]
    assert reasons == [{"provider": "corp", "reason": "state"},
                       {"provider": "corp", "reason": "provider_error",
                        "error": "invalid_grant"}]
    assert len(_events(app, "user.login")) == 1


@pytest.mark.parametrize(("fault", "reason"), [
    ("wrong_nonce", "nonce"), ("expired", "expired"), ("wrong_audience", "audience"),
    ("other_key", "signature"), ("wrong_issuer", "issuer")])
def test_an_id_token_that_does_not_verify_is_refused(app, client, sso, fault, reason):
    sub = sso.user(Role.ADMIN)
    sso.provider.fault(fault)
    response = sso.sign_in(client, sub)
    assert response.headers["Location"] == "/auth/login"
    assert not _signed_in(client)
    assert "could not be verified" in page_text(client.get("/auth/login"))
    [refused] = _events(app, "user.sign_in_refused")
    assert refused.details["reason"] == reason, refused.details
    assert refused.actor_label == "Corp ID"
    assert _user(app, f"{sub}@corp.example") is None
    assert not _events(app, "user.login")


def test_an_unknown_provider_is_not_found_and_an_unreachable_one_is_said(app, client, sso):
    assert client.get("/auth/sso/nobody/start").status_code == 404
    assert client.get("/auth/sso/nobody/callback").status_code == 404
    sso.provider.stop()  # the provider goes down; the fixture's next test starts one
    try:
        response = client.get("/auth/sso/corp/start")
        assert response.headers["Location"] == "/auth/login"
        assert "could not be reached" in page_text(client.get("/auth/login"))
    finally:
        sso.provider.start()
