"""Flask-Login wiring: how a session cookie becomes a user."""

from flask import Flask
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from vendorrisk.auth.models import User
from vendorrisk.extensions import db, login_manager


def _load_user(session_token: str) -> User | None:
    # Looked up by the rotating token, so a password change or disabling ends sessions.
    return db.session.scalar(
        select(User).where(User.session_token == session_token, User.active.is_(True))
    )


def init_login(app: Flask) -> None:
    """Bind the login manager to ``app``."""
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
