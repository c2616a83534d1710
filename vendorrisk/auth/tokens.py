"""Personal access tokens: created by a user for themself with a name, an expiry and a
subset of their roles; shown once; revocable. A request's token acts with the roles it
was given that its owner still holds, so it never grants more than the owner has —
and nothing once the owner is disabled. Each function audits; the caller commits."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, User
from vendorrisk.auth.second_factor import enrolment_pending
from vendorrisk.auth.token_models import ApiToken
from vendorrisk.foundation.errors import Conflict, DomainError, NotFound, ValidationError
from vendorrisk.foundation.extensions import db

PREFIX = "vrk_"  # tells a leaked string apart as ours (secret scanners match it)
LAST_USE_EVERY = timedelta(minutes=1)  # a busy token writes its last use once a minute


def token_hash(raw: str) -> str:
    """What is stored of a token (its SHA-256), and what a request's token is looked up
    by."""
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


class Unauthorized(DomainError):
    """No usable token (401)."""

    status_code = 401


def create_token(user: User, *, name: str, expires_on: date | None, roles: list[str],
                 now: datetime) -> tuple[str, ApiToken]:
    """A new token for ``user``; the raw token is returned once and never stored."""
    if not name.strip():
        raise ValidationError(_("Name the token (what uses it)."), field="name")
    longest = int(current_app.config["API_TOKEN_MAX_DAYS"])
    if expires_on is None or expires_on <= now.date() \
            or expires_on > now.date() + timedelta(days=longest):
        raise ValidationError(_("Choose an expiry date after today and within %(days)d "
                                "days.", days=longest), field="expires_on")
    wanted = set(roles)
    held = {role.value for role in user.roles}
    if not wanted:
        raise ValidationError(_("Give the token at least one of your roles."),
                              field="roles")
    if not wanted <= held:
        raise ValidationError(_("A token can only have roles you hold."), field="roles")
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name.strip()[:100], token_hash=token_hash(raw),
                     prefix=raw[:12], roles=sorted(wanted), created_at=now,
                     expires_at=datetime.combine(expires_on, time.max, UTC))
    db.session.add(token)
    db.session.flush()
    record("api_token.created", actor=user, object_type="user", object_id=user.id, now=now,
           details={"token_id": token.id, "name": token.name, "prefix": token.prefix,
                    "roles": token.roles, "expires_at": token.expires_at.isoformat()})
    return raw, token


def revoke_token(user: User, token_id: int, *, now: datetime) -> ApiToken:
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id:
        raise NotFound(_("There is no such token."))
    if token.revoked_at is not None:
        raise Conflict(_("This token is revoked already."))
    token.revoked_at = now
    db.session.flush()
    record("api_token.revoked", actor=user, object_type="user", object_id=user.id, now=now,
           details={"token_id": token.id, "name": token.name, "prefix": token.prefix})
    return token


def revoke_tokens_of(user: User, *, actor: User, now: datetime) -> int:
    """Revoke every live token of ``user`` (an administrator reset their password: who
    had it may have made tokens); return how many."""
    live = [token for token in tokens_of(user) if token.revoked_at is None]
    for token in live:
        token.revoked_at = now
    db.session.flush()
    if live:
        record("api_token.revoked", actor=actor, object_type="user", object_id=user.id,
               now=now, details={"token_ids": [token.id for token in live],
                                 "reason": "password reset"})
    return len(live)


def tokens_of(user: User) -> list[ApiToken]:
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


@dataclass(frozen=True)
class Caller:
    """Who an API request acts as, and with which roles."""

    user: User
    roles: frozenset[Role]
    token_id: int

    def has_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def id(self) -> int:  # queries that narrow to a user's own objects read this
        return self.user.id


def authenticate(header: str | None, *, now: datetime, ip: str | None) -> Caller:
    """The caller of an ``Authorization: Bearer <token>`` header; Unauthorized with the
    reason otherwise (the same words for an unknown and a revoked token)."""
    scheme, _sep, raw = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise Unauthorized(_("Send a personal access token: Authorization: Bearer <token>."))
    raw = raw.strip()
    token = db.session.scalar(select(ApiToken).where(
        ApiToken.token_hash == token_hash(raw))) if len(raw) <= 100 else None
    if token is None or token.revoked_at is not None:
        raise Unauthorized(_("This token is not valid or has been revoked."))
    if now >= token.expires_at:
        raise Unauthorized(_("This token has expired."))
    if not token.user.active:
        raise Unauthorized(_("This token's owner is disabled."))
    if enrolment_pending(token.user):  # the same rule as the pages: enrol first
        raise Unauthorized(_("This token's owner must set up two-factor sign-in first."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USE_EVERY:
        token.last_used_at, token.last_used_ip = now, (ip or "")[:45] or None
    roles = frozenset(Role(role) for role in token.roles) & token.user.roles
    return Caller(user=token.user, roles=roles, token_id=token.id)
