"""Configuration: environments, VENDORRISK_* overrides, and refusals in production."""

import re
from pathlib import Path

import pytest
from sqlalchemy import text

from vendorrisk import create_app
from vendorrisk.foundation.config import (
    ConfigError,
    DevelopmentConfig,
    ProductionConfig,
    TestingConfig,
    normalise_database_url,
)
from vendorrisk.foundation.extensions import db

STRONG_KEY = "k" * 40


def test_production_refuses_to_start_without_a_secret_key(monkeypatch):
    monkeypatch.delenv("VENDORRISK_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="VENDORRISK_SECRET_KEY must be set"):
        create_app({"ENV": "production", "DATABASE_URL": "postgresql+psycopg://db/x"})


def test_production_refuses_a_short_secret_key():
    with pytest.raises(ConfigError, match="at least 32 characters"):
        create_app({"ENV": "production", "SECRET_KEY": "short",
                    "DATABASE_URL": "postgresql+psycopg://db/x"})


def test_production_refuses_to_start_without_a_database_url(monkeypatch):
    monkeypatch.delenv("VENDORRISK_DATABASE_URL", raising=False)
    with pytest.raises(ConfigError, match="VENDORRISK_DATABASE_URL must be set"):
        create_app({"ENV": "production", "SECRET_KEY": STRONG_KEY})


def test_production_settings_come_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VENDORRISK_ENV", "production")
    monkeypatch.setenv("VENDORRISK_SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("VENDORRISK_DATABASE_URL", "postgresql://u@db.example.com/vr")
    monkeypatch.setenv("VENDORRISK_LOGIN_RATE_LIMIT", "5 per minute")
    monkeypatch.setenv("VENDORRISK_SESSION_LIFETIME_HOURS", "2")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db.example.com/vr"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["LOGIN_RATE_LIMIT"] == "5 per minute"
    assert app.config["PERMANENT_SESSION_LIFETIME"] == 7200


@pytest.mark.parametrize(("given", "counts"), [("true", True), ("false", False)])
def test_the_incident_day_count_is_read_from_the_environment(monkeypatch, tmp_path, given,
                                                             counts):
    monkeypatch.setenv("VENDORRISK_INCIDENT_AWARENESS_DAY_COUNTS", given)
    app = create_app({"ENV": "testing", "INSTANCE_PATH": str(tmp_path)})
    assert app.config["INCIDENT_AWARENESS_DAY_COUNTS"] is counts


def test_an_incident_day_count_that_is_not_true_or_false_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("VENDORRISK_INCIDENT_AWARENESS_DAY_COUNTS", "yes")
    with pytest.raises(ConfigError, match="INCIDENT_AWARENESS_DAY_COUNTS must be true or false"):
        create_app({"ENV": "testing", "INSTANCE_PATH": str(tmp_path)})


@pytest.mark.parametrize("month", ["0", "13", "-4"])
def test_a_fiscal_year_start_that_is_not_a_month_is_refused(monkeypatch, tmp_path, month):
    monkeypatch.setenv("VENDORRISK_FISCAL_YEAR_START_MONTH", month)
    with pytest.raises(ConfigError, match="FISCAL_YEAR_START_MONTH must be a month, 1 to 12"):
        create_app({"ENV": "testing", "INSTANCE_PATH": str(tmp_path)})


def test_unknown_environment_is_named(monkeypatch):
    monkeypatch.setenv("VENDORRISK_ENV", "staging")
    with pytest.raises(ConfigError, match="'staging' is not one of development, production"):
        create_app()


def test_development_default_is_sqlite_in_the_instance_folder(monkeypatch, tmp_path):
    for name in ("VENDORRISK_ENV", "VENDORRISK_DATABASE_URL", "VENDORRISK_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///vendorrisk.db"
    assert len(app.config["SECRET_KEY"]) == 64
    assert app.instance_path == str(tmp_path)


@pytest.mark.parametrize(("given", "expected"), [
    ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
])
def test_database_urls_use_psycopg_3(given, expected):
    assert normalise_database_url(given) == expected


def test_create_app_touches_no_database_and_writes_no_file(tmp_path):
    instance = tmp_path / "instance"
    create_app({"ENV": "testing", "INSTANCE_PATH": str(instance),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'never.db'}"})
    assert not (tmp_path / "never.db").exists()
    assert not instance.exists()


def test_readme_tables_every_setting():
    internal = {"SQLALCHEMY_ENGINE_OPTIONS", "RATELIMIT_HEADERS_ENABLED", "LANGUAGES",
                "BABEL_DEFAULT_TIMEZONE", "BOOTSTRAP_SERVE_LOCAL", "SESSION_COOKIE_HTTPONLY",
                "TESTING"}
    settings = {
        name for config in (DevelopmentConfig, ProductionConfig, TestingConfig)
        for name in dir(config) if name.isupper() and name not in internal
    }
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    documented = set(re.findall(r"`VENDORRISK_([A-Z0-9_]+)`", readme))
    assert settings | {"ENV", "INSTANCE_PATH"} <= documented


def test_postgresql_connections_run_without_jit(tmp_path):
    """PostgreSQL's JIT compiles plans it estimates costly: for these queries, the
    compiling cost more than the query (0.29 s of the audit sweep's 0.42 s)."""
    secret = "s" * 40
    plain = create_app({"ENV": "production", "SECRET_KEY": secret,
                        "INSTANCE_PATH": str(tmp_path / "a"),
                        "DATABASE_URL": "postgresql+psycopg://db/x"})
    assert plain.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"] == {
        "options": "-c jit=off"}
    assert plain.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    own = create_app({"ENV": "production", "SECRET_KEY": secret,
                      "INSTANCE_PATH": str(tmp_path / "b"),
                      "DATABASE_URL": "postgresql+psycopg://db/x?options=-c%20work_mem%3D8MB"})
    assert "connect_args" not in own.config["SQLALCHEMY_ENGINE_OPTIONS"]  # the URL's own
    sqlite = create_app({"ENV": "production", "SECRET_KEY": secret,
                         "INSTANCE_PATH": str(tmp_path / "c"), "DATABASE_URL": "sqlite://"})
    assert sqlite.config["SQLALCHEMY_ENGINE_OPTIONS"] == {}


def test_the_test_database_runs_without_jit(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("PostgreSQL's setting")
        assert db.session.scalar(text("SHOW jit")) == "off"
