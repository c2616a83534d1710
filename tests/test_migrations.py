"""The migrations at head build exactly the schema the models describe, on both databases."""

import os
from urllib.parse import quote

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DatabaseError

from tests.conftest import ON_POSTGRESQL, TEST_DATABASE_URL, app_config
from vendorrisk import create_app
from vendorrisk.extensions import db

SCHEMA = "migration_check"


@pytest.fixture
def empty_database_url(tmp_path):
    """A database with nothing in it: a new SQLite file, or a new PostgreSQL schema."""
    if not ON_POSTGRESQL:
        yield f"sqlite:///{tmp_path / 'migrated.db'}"
        return
    engine = create_engine(TEST_DATABASE_URL)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {SCHEMA}"))
    separator = "&" if "?" in TEST_DATABASE_URL else "?"
    yield f"{TEST_DATABASE_URL}{separator}options={quote(f'-csearch_path={SCHEMA}')}"
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
    engine.dispose()


def test_upgrade_head_matches_the_models(tmp_path, empty_database_url):
    app = create_app(app_config(tmp_path, DATABASE_URL=empty_database_url))
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, db.metadata)
            tables = set(inspect(connection).get_table_names())
        db.engine.dispose()
    assert differences == []
    assert {"users", "user_roles", "audit_events", "alembic_version"} <= tables


def test_migrated_audit_table_is_append_only(tmp_path, empty_database_url):
    app = create_app(app_config(tmp_path, DATABASE_URL=empty_database_url))
    with app.app_context():
        upgrade()
        runner = app.test_cli_runner()
        result = runner.invoke(args=["users", "create", "a@example.com", "--name", "A",
                                     "--role", "admin", "--password", "long enough pass"])
        assert result.exit_code == 0, result.output
        with pytest.raises(DatabaseError, match="append-only"):
            db.session.execute(text("DELETE FROM audit_events"))
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()


def test_db_upgrade_command_works_from_any_directory(tmp_path, monkeypatch):
    if ON_POSTGRESQL:
        pytest.skip("the directory lookup does not depend on the database")
    elsewhere = tmp_path / "somewhere" / "else"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    database = tmp_path / "cli.db"
    app = create_app(app_config(tmp_path, DATABASE_URL=f"sqlite:///{database}"))
    result = app.test_cli_runner().invoke(args=["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert database.exists()
    assert os.listdir(elsewhere) == []
    with app.app_context():
        db.engine.dispose()
