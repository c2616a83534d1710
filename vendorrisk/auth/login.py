"""Flask-Login wiring: how a session cookie becomes a user."""

from flask import Flask
from flask_babel import lazy_gettext as _l

from vendorrisk.auth.models import User
from vendorrisk.auth.sessions import find_session, touch
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db, login_manager


def _load_user(session_key: str) -> User | None:
    # The cookie holds a session key, looked up server-side: a session that was logged
    # out, ended by a password change, expired or whose user is disabled finds no user.
    now = utcnow()
    row = find_session(session_key, now=now)
    if row is None:
        return None
    user = row.user
    if touch(row, now=now):
        db.session.commit()  # the request's own work has not started yet
    user.session_key = session_key
    return user


def init_login(app: Flask) -> None:
    """Bind the login manager to ``app``."""
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    # "strong": a session cookie used from another address or browser is dropped. Flask-
    # Login applies it only to non-permanent sessions, which ours are (the server ends
    # them: see auth/sessions.py).
    login_manager.session_protection = "strong"
