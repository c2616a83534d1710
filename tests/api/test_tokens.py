"""Personal access tokens: a token never grants more than its owner has, and stops at
expiry, on revocation and when its owner is disabled; a stale If-Match gets 412."""

from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from tests.api.conftest import bearer
from tests.conftest import VENDOR_BASE
from tests.helpers import page_text
from vendorrisk.auth.models import Role, User
from vendorrisk.auth.services import set_active
from vendorrisk.auth.token_models import ApiToken
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

PROBLEM = "application/problem+json"


def _vendors(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Vendor))


def test_a_token_limited_to_auditor_cannot_create_a_vendor(app, client, api_token):
    token = api_token(Role.AUDITOR, user_roles=(Role.AUDITOR, Role.PROCUREMENT))
    refused = client.post("/api/v1/vendors", json=VENDOR_BASE, headers=bearer(token))
    assert refused.status_code == 403
    assert refused.mimetype == PROBLEM
    assert refused.json["status"] == 403
    assert "acts with: auditor" in refused.json["detail"]
    assert _vendors(app) == 0
    # The same owner's procurement token may; the auditor token still reads.
    buyer = api_token(Role.PROCUREMENT)
    created = client.post("/api/v1/vendors", json=VENDOR_BASE, headers=bearer(buyer))
    assert created.status_code == 201, created.json
    assert client.get("/api/v1/vendors", headers=bearer(token)).json["total"] == 1


def test_a_token_cannot_be_given_a_role_its_owner_lacks(app, make_user):
    from vendorrisk.auth.tokens import create_token
    from vendorrisk.foundation.errors import ValidationError
    owner = make_user(Role.AUDITOR)
    with app.app_context():
        user = db.session.get(User, owner.id)
        with pytest.raises(ValidationError, match="A token can only have roles you hold."):
            create_token(user, name="x", expires_on=utcnow().date() + timedelta(days=5),
                         roles=["admin"], now=utcnow())
        assert db.session.scalar(select(func.count()).select_from(ApiToken)) == 0


def test_a_role_taken_from_the_owner_is_taken_from_the_token(app, client, make_user,
                                                              api_token):
    from vendorrisk.auth.services import update_user
    owner = make_user(Role.PROCUREMENT, Role.AUDITOR)
    token = api_token(Role.PROCUREMENT, Role.AUDITOR, user=owner)
    with app.app_context():
        user = db.session.get(User, owner.id)
        update_user(user, email=user.email, name=user.name, roles=["auditor"], language="en",
                    actor=None,
                    now=utcnow())
        db.session.commit()
    refused = client.post("/api/v1/vendors", json=VENDOR_BASE, headers=bearer(token))
    assert refused.status_code == 403


def test_expired_revoked_unknown_and_disabled_owners_tokens_get_401(
        app, client, auth, make_user, api_token):
    owner = make_user(Role.AUDITOR)
    expiring = api_token(Role.AUDITOR, user=owner, days=1)
    assert client.get("/api/v1/vendors", headers=bearer(expiring)).status_code == 200
    with time_machine.travel(utcnow() + timedelta(days=2)):
        expired = client.get("/api/v1/vendors", headers=bearer(expiring))
    assert expired.status_code == 401
    assert expired.json["detail"] == "This token has expired."
    assert expired.headers["WWW-Authenticate"].startswith("Bearer")

    revocable = api_token(Role.AUDITOR, user=owner)
    auth.login(owner.email)
    with app.app_context():
        token_id = db.session.scalar(select(ApiToken.id).order_by(ApiToken.id.desc()))
    assert client.post(f"/auth/account/tokens/{token_id}/revoke").status_code == 302
    auth.logout()
    revoked = client.get("/api/v1/vendors", headers=bearer(revocable))
    assert revoked.status_code == 401
    assert "revoked" in revoked.json["detail"]

    for header in ({}, {"Authorization": "Bearer vrk_guessed"}, {"Authorization": "Basic x"}):
        assert client.get("/api/v1/vendors", headers=header).status_code == 401

    live = api_token(Role.AUDITOR, user=owner)
    assert client.get("/api/v1/vendors", headers=bearer(live)).status_code == 200
    with app.app_context():
        set_active(db.session.get(User, owner.id), False, actor=None, now=utcnow())
        db.session.commit()
    disabled = client.get("/api/v1/vendors", headers=bearer(live))
    assert disabled.status_code == 401
    assert disabled.json["detail"] == "This token's owner is disabled."


def test_a_session_cookie_does_not_open_the_api(client, auth):
    auth.login_as(Role.ADMIN)
    assert client.get("/api/v1/vendors").status_code == 401


def test_a_stale_if_match_gets_412_and_changes_nothing(app, client, api_token):
    token = api_token(Role.PROCUREMENT)
    created = client.post("/api/v1/vendors", json=VENDOR_BASE, headers=bearer(token))
    url, first = created.headers["Location"], created.headers["ETag"]
    assert client.get(url, headers=bearer(token)).headers["ETag"] == first
    missing = client.patch(url, json={"services": "Call centre"}, headers=bearer(token))
    assert missing.status_code == 428
    changed = client.patch(url, json={"services": "Call centre"},
                           headers={**bearer(token), "If-Match": first})
    assert changed.status_code == 200, changed.json
    assert changed.json["services"] == "Call centre"
    assert changed.headers["ETag"] != first
    stale = client.patch(url, json={"services": "Printing"},
                         headers={**bearer(token), "If-Match": first})
    assert stale.status_code == 412
    assert stale.mimetype == PROBLEM
    assert client.get(url, headers=bearer(token)).json["services"] == "Call centre"


def test_tokens_are_made_on_the_account_page_shown_once_and_stored_as_a_hash(
        app, client, auth):
    user = auth.login_as(Role.PROCUREMENT, Role.AUDITOR)
    page = client.post("/auth/account/tokens", data={
        "name": "Purchasing system", "expires_on": (utcnow().date() + timedelta(
            days=90)).isoformat(), "roles": ["procurement"]})
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    raw = page.get_data(as_text=True).split('<code class="user-select-all">')[1].split("<")[0]
    assert raw.startswith("vrk_")
    with app.app_context():
        token = db.session.scalar(select(ApiToken))
        assert token.user_id == user.id
        assert token.roles == ["procurement"]
        assert raw not in repr(db.session.execute(select(ApiToken.__table__)).all())
    again = page_text(client.get("/auth/account"))
    assert "Purchasing system" in again
    assert raw not in again
    too_long = client.post("/auth/account/tokens", data={
        "name": "x", "expires_on": (utcnow().date() + timedelta(days=400)).isoformat(),
        "roles": ["procurement"]})
    assert too_long.status_code == 400
    assert "within 365 days" in page_text(too_long)
    assert client.get("/api/v1/vendors", headers=bearer(raw)).status_code == 200
    with app.app_context():
        assert db.session.scalar(select(ApiToken.last_used_at)) is not None
