"""Migration 0018: the role ``executive`` passes the CHECK constraint of a migrated
database (SQLite and PostgreSQL), and every exception records who decides it."""

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from tests.conftest import app_config
from tests.test_migrations import empty_database_url  # noqa: F401  (a fixture)
from vendorrisk import create_app
from vendorrisk.foundation.extensions import db


def _add_user(email: str, role: str) -> None:
    user_id = db.session.execute(text(
        "INSERT INTO users (email, name, password_hash, active, language, created_at) "
        "VALUES (:email, 'X', 'x', true, 'en', CURRENT_TIMESTAMP) RETURNING id"),
        {"email": email}).scalar_one()
    db.session.execute(text("INSERT INTO user_roles (user_id, role) VALUES (:id, :role)"),
                       {"id": user_id, "role": role})
    db.session.commit()


def test_a_migrated_database_takes_the_executive_role(tmp_path,
                                                      empty_database_url):  # noqa: F811
    app = create_app(app_config(tmp_path, DATABASE_URL=empty_database_url))
    with app.app_context():
        upgrade(revision="0018_executive")
        _add_user("ceo@example.com", "executive")
        with pytest.raises(IntegrityError):
            _add_user("nobody@example.com", "overlord")
        db.session.rollback()
        columns = db.session.execute(text(
            "SELECT authority FROM risk_exceptions")).keys()
        assert list(columns) == ["authority"]
        db.session.commit()  # no transaction left open to block the downgrade's ALTER
        downgrade(revision="0017_onboarding")  # executives' grants go with the role
        assert db.session.execute(text(
            "SELECT count(*) FROM user_roles WHERE role = 'executive'")).scalar_one() == 0
        db.session.commit()
        upgrade(revision="0018_executive")
        db.session.remove()
        db.engine.dispose()
