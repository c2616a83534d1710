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
from vendorrisk.foundation.extensions import db

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


def _insert_standard_and_vendor() -> None:
    """The smallest rows an assessment needs, written without the application's services
    (they may expect a newer schema than the one being tested)."""
    db.session.execute(text(
        "INSERT INTO standard_versions (id, slug, version, checksum, snapshot, title_en, "
        "title_ja, use, tiers, source_file, loaded_at) VALUES (1, 's', 1, 'c', '{}', "
        "'S', 'S', 'selection', '[]', 's.yaml', CURRENT_TIMESTAMP)"))
    db.session.execute(text(
        "INSERT INTO vendors (id, legal_name, sort_name, search_text, country, status, "
        "classification, classification_reason, services, purpose, individuals, access, "
        "criticality, tier, computed_tier, tier_score, tier_factors, tier_reasons, "
        "tier_rules_version, tier_computed_at, created_at, updated_at) VALUES (1, 'V', 'v', "
        "'v', 'JP', 'prospect', 'consignment', 'r', 's', 'p', 'up_to_100', 'view', "
        "'replaceable', '3', '3', 1, '{}', '[]', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
        "CURRENT_TIMESTAMP)"))


def test_migrated_answers_keep_their_history_in_the_database(tmp_path, empty_database_url):
    app = create_app(app_config(tmp_path, DATABASE_URL=empty_database_url))
    with app.app_context():
        upgrade()
        _insert_standard_and_vendor()
        db.session.execute(text(
            "INSERT INTO assessments (id, vendor_id, kind, standard_version_id, status, due_on, "
            "tier, profile, created_at, proposal_round) VALUES (1, 1, 'selection', 1, 'sent', "
            "'2027-01-01', '3', '{}', CURRENT_TIMESTAMP, 0)"))
        db.session.execute(text(
            "INSERT INTO assessment_answers (id, assessment_id, question_id, value, "
            "not_applicable, version, updated_at) VALUES (1, 1, 'q', '1', false, 1, "
            "CURRENT_TIMESTAMP)"))
        db.session.execute(text(
            "UPDATE assessment_answers SET value = '2', version = 2 WHERE id = 1"))
        kept = db.session.execute(text(
            "SELECT version, value FROM assessment_answer_revisions")).all()
        db.session.rollback()
        db.session.remove()
        db.engine.dispose()
    assert [(version, str(value)) for version, value in kept] == [(1, "1")]


def test_upgrading_a_database_that_holds_assessments(tmp_path):
    """SQLite copies a table to change it: data referencing it must survive (foreign keys
    are enforced in normal use)."""
    if ON_POSTGRESQL:
        pytest.skip("PostgreSQL alters tables in place")
    app = create_app(app_config(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'old.db'}"))
    with app.app_context():
        upgrade(revision="0004_assessments")
        _insert_standard_and_vendor()
        db.session.execute(text(
            "INSERT INTO assessments (id, vendor_id, kind, standard_version_id, status, due_on, "
            "tier, profile, created_at) VALUES (1, 1, 'selection', 1, 'sent', '2027-01-01', "
            "'3', '{}', CURRENT_TIMESTAMP)"))
        db.session.execute(text(
            "INSERT INTO assessment_answers (id, assessment_id, question_id, value, "
            "not_applicable, version, updated_at) VALUES (1, 1, 'q', '1', 0, 1, "
            "CURRENT_TIMESTAMP)"))
        db.session.commit()
        upgrade()
        rows = db.session.execute(text(
            "SELECT a.status, a.proposal_round, count(x.id) FROM assessments a "
            "JOIN assessment_answers x ON x.assessment_id = a.id GROUP BY a.id")).all()
        assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        db.session.remove()
        db.engine.dispose()
    assert [tuple(row) for row in rows] == [("sent", 0, 1)]
