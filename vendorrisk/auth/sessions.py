"""Login sessions kept server-side.

A login starts a session row; the cookie holds only its random key (the row keeps the
key's SHA-256). Logging out ends that session, a password change or disabling the
account ends all of the user's sessions, and a session ends by itself
``SESSION_LIFETIME_HOURS`` after login (however busy) or ``SESSION_IDLE_MINUTES`` after
its last use. The caller commits.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from vendorrisk.audit.services import record
from vendorrisk.auth.devices import device_name
from vendorrisk.auth.models import User, UserSession
from vendorrisk.foundation.extensions import db

# A session's last use is written at most this often (not on every request).
TOUCH_EVERY = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def start_session(user: User, *, now: datetime, address: str | None,
                  user_agent: str | None) -> str:
    """Open a session for ``user``; return its key (for the cookie) and bind it to the user."""
    key = secrets.token_urlsafe(32)
    lifetime = timedelta(hours=int(current_app.config["SESSION_LIFETIME_HOURS"]))
    db.session.add(UserSession(
        user_id=user.id, key_hash=_hash(key), created_at=now, last_seen_at=now,
        expires_at=now + lifetime, address=(address or "")[:45] or None,
        user_agent=(user_agent or "")[:300] or None))
    db.session.flush()
    user.session_key = key
    return key


def sign_in(user: User, *, method: str, provider: str | None, second_factor: str | None,
            now: datetime, address: str | None, user_agent: str | None) -> str:
    """A sign-in completed (every factor given): audited with how, and its session
    opened; returns the session's key."""
    user.last_login_at = now
    details = {"method": method, "provider": provider, "second_factor": second_factor}
    record("user.login", actor=user, object_type="user", object_id=user.id, now=now,
           details={key: value for key, value in details.items() if value})
    return start_session(user, now=now, address=address, user_agent=user_agent)


def find_session(key: str, *, now: datetime) -> UserSession | None:
    """The open session with this key, or None when it ended, expired or its user is
    disabled."""
    row = db.session.scalar(select(UserSession).options(joinedload(UserSession.user)).where(
        UserSession.key_hash == _hash(key), UserSession.ended_at.is_(None)))
    if row is None or not row.user.active or now >= row.expires_at:
        return None
    idle = timedelta(minutes=int(current_app.config["SESSION_IDLE_MINUTES"]))
    if now >= row.last_seen_at + idle:
        return None
    return row


def touch(row: UserSession, *, now: datetime) -> bool:
    """Note the session's use; True when the row changed (the caller commits)."""
    if now - row.last_seen_at < TOUCH_EVERY:
        return False
    row.last_seen_at = now
    return True


def log_out(user: User, *, now: datetime) -> None:
    """End the session the user is logged in through (their others go on)."""
    if user.session_key:
        db.session.execute(update(UserSession).where(
            UserSession.key_hash == _hash(user.session_key), UserSession.ended_at.is_(None),
        ).values(ended_at=now, end_reason="logout"))
    record("user.logout", actor=user, object_type="user", object_id=user.id, now=now)


def end_sessions_of(user: User, *, now: datetime, reason: str, keep: str | None = None) -> None:
    """End every open session of ``user``, except the one with the key ``keep``."""
    statement = update(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    if keep:
        statement = statement.where(UserSession.key_hash != _hash(keep))
    db.session.execute(statement.values(ended_at=now, end_reason=reason))


def open_sessions(user: User, *, now: datetime) -> list[UserSession]:
    """The user's sessions that still let someone in, the most recently used first."""
    idle = timedelta(minutes=int(current_app.config["SESSION_IDLE_MINUTES"]))
    return list(db.session.scalars(select(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None),
        UserSession.expires_at > now, UserSession.last_seen_at > now - idle,
    ).order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())))


def is_current(row: UserSession, user: User) -> bool:
    """True for the session this request runs in."""
    return bool(user.session_key) and row.key_hash == _hash(user.session_key or "")


def end_one(user: User, session_id: int, *, actor: User, now: datetime) -> bool:
    """End one open session of ``user``; False when there is none with that id."""
    ended = db.session.execute(update(UserSession).where(
        UserSession.id == session_id, UserSession.user_id == user.id,
        UserSession.ended_at.is_(None)).values(ended_at=now, end_reason="ended"))
    if not ended.rowcount:
        return False
    record("user.session_ended", actor=actor, object_type="user", object_id=user.id, now=now,
           details={"session": session_id})
    return True


def end_all(user: User, *, actor: User, now: datetime) -> None:
    """An administrator ends every session of ``user`` (they sign in again)."""
    end_sessions_of(user, now=now, reason="admin")
    record("user.sessions_ended", actor=actor, object_type="user", object_id=user.id, now=now)


def session_rows(user: User, *, now: datetime) -> list[dict]:
    """The user's open sessions as the account page lists them."""
    return [{"id": row.id, "address": row.address, "created_at": row.created_at,
             "last_seen_at": row.last_seen_at, "current": is_current(row, user),
             **dict(zip(("browser", "system"), device_name(row.user_agent), strict=True))}
            for row in open_sessions(user, now=now)]
