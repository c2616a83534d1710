"""Configuration classes and the rules that check a configuration before use.

The class is picked by ``VENDORRISK_ENV`` (``development`` by default); every setting
can then be overridden by a ``VENDORRISK_<NAME>`` environment variable, and tests pass
a mapping that wins over both. Nothing is read at import time.
"""

import copy
import os
import secrets
from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Config as FlaskConfig


class ConfigError(RuntimeError):
    """The configuration cannot run the application; the message says what to set."""


class Config:
    """Settings shared by every environment (the README tables each one)."""

    SECRET_KEY: str | None = None
    DATABASE_URL = "sqlite:///vendorrisk.db"  # relative: lands in the instance folder
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute"
    API_RATE_LIMIT = "600 per minute"  # requests per API token (per address without one)
    API_TOKEN_MAX_DAYS = 365  # the longest a personal access token may live
    MAX_CONTENT_LENGTH = 30 * 1024 * 1024  # an evidence file plus the form around it
    EVIDENCE_MAX_BYTES = 25 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_LIFETIME_HOURS = 8  # a login ends this long after it began, however busy
    SESSION_IDLE_MINUTES = 120  # and after this long without a request
    TRUSTED_PROXIES = 0
    # Company sign-in (auth/sso.py): one entry per identity provider, by name; the README's
    # "Company sign-in" section shows an Entra ID and an Okta entry.
    OIDC: dict[str, dict[str, Any]] = {}
    # Two-factor (auth/totp.py): these roles must enrol an authenticator before anything
    # else; the others may. Empty: nobody is made to.
    TOTP_REQUIRED_ROLES = "admin,approver,executive"
    TOTP_RATE_LIMIT = "5 per minute;20 per hour"  # codes tried per account, right or wrong
    HSTS = False
    LANGUAGES = ("en", "ja")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    DISPLAY_TIMEZONE = "Asia/Tokyo"  # every time shown (pages, PDFs, e-mails); stored in UTC
    BOOTSTRAP_SERVE_LOCAL = True
    WTF_CSRF_TIME_LIMIT = 8 * 3600
    ARGON2_PARAMS: dict[str, int] = {}  # argon2-cffi's defaults (RFC 9106 low-memory)
    HOME_COUNTRY = "JP"  # data handled elsewhere is "abroad" (APPI Art. 28)
    UPLOAD_FOLDER: str | None = None  # default: <instance>/uploads
    STORAGE = "local"  # where uploads live: "local" (UPLOAD_FOLDER) or "s3"
    S3_BUCKET: str | None = None  # with STORAGE=s3
    S3_PREFIX = ""  # key prefix inside the bucket
    S3_ENDPOINT_URL: str | None = None  # an S3-compatible server (MinIO, ...); unset: AWS
    S3_REGION: str | None = None
    COMPANY_NAME = "Example Holdings K.K."  # named in e-mails and on the vendor portal
    BASE_URL = "http://127.0.0.1:5000"  # how vendors reach the portal (links in e-mails)
    LINK_GRACE_DAYS = 7  # a link works this many days past the due date
    CONTRACT_EXPIRING_DAYS = 60  # a contract ending within this many days is "expiring"
    DELETION_DUE_DAYS = 30  # proposed due date of a deletion certificate after termination
    REVIEW_LEAD_DAYS = 14  # periodic reviews and reports are sent this long before due
    ONBOARDING_WEEKLY_CAPACITY = 20  # first assessments sent a week to vendors already in use
    ONBOARDING_DUE_DAYS = 30  # an onboarding (first) assessment is due this many days after
    REMINDER_DAYS_BEFORE = (7, 3, 1)  # respondents reminded this many days before the due date
    REMINDER_EVERY_DAYS_AFTER = 3  # and every this many days once it has passed
    ESCALATE_AFTER_DAYS = 7  # days overdue before the vendor's owner and procurement hear
    ESCALATION_RECIPIENTS = "owner,procurement"
    EXPIRY_NOTICE_DAYS = (60, 30, 7)  # contract, NDA and exception expiry notices
    EXCEPTION_MAX_DAYS = 365  # an exception ends at most this many days after asked or approved
    NOTICE_RECIPIENTS = "owner"  # who hears of expiries and overdue items (procurement if none)
    # APPI Art. 26 incident deadlines, calendar days from the day after awareness (Japan)
    INCIDENT_PRELIMINARY_DAYS = 5  # preliminary report to the PPC
    INCIDENT_WARNING_DAYS = 3  # reminder before the preliminary report is due
    INCIDENT_FINAL_DAYS = 30  # final report
    INCIDENT_FINAL_WRONGFUL_DAYS = 60  # final report after a possibly wrongful act
    FISCAL_YEAR_START_MONTH = 4  # the annual summary's year: April to March (年度)
    INCIDENT_AWARENESS_DAY_COUNTS = True  # the day we became aware is day 1 (stricter)
    AUDIT_BEFORE_GO_LIVE = False  # a tier-1 consignee's first approval waits for an audit
    INCIDENT_CONSIGNEE_NOTICE_HOURS = 24  # a consignee telling us later is flagged
    # Retention (supervision/retention.py): after these many days the record is disposed of
    RETENTION_LINK_USE_DAYS = 365  # a portal link use's address and browser
    RETENTION_REQUEST_DAYS = 1095  # a closed individual's request: the person's name
    RETENTION_ENDED_VENDOR_CONTACT_DAYS = 1095  # contacts of a vendor since it ended
    RETENTION_SUPERSEDED_EVIDENCE_DAYS = 1095  # evidence files, after a later decision
    INCIDENT_LINK_DAYS = 365  # a vendor's standing incident link works this long once sent
    SCHEDULER_DAILY_AT = "06:00"  # UTC time of the daily sweep
    SCHEDULER_OUTBOX_MINUTES = 1  # how often the outbox is delivered
    OUTBOX_RETRY_HOURS = 72  # an undeliverable e-mail is retried this long, then failed
    OUTBOX_LEASE_SECONDS = 600  # a deliverer holds a message this long; one that dies frees it then
    OUTBOX_WEB_SECONDS = 5  # a web request sends its own e-mails this long; the scheduler the rest
    SCHEDULER_REPORTS_SECONDS = 5  # how often queued reports (register PDF, ...) are rendered
    REPORT_STALE_MINUTES = 10  # a rendering silent this long died with its process: retry
    PORTAL_RATE_LIMIT = "300 per minute"  # requests per vendor link
    PORTAL_IP_RATE_LIMIT = "600 per minute"  # portal requests per client address
    SMTP_HOST: str | None = None  # unset: e-mails are written as .eml files
    SMTP_PORT = 587
    SMTP_SECURITY = "starttls"  # starttls, tls or none
    SMTP_USERNAME: str | None = None
    SMTP_PASSWORD: str | None = None
    SMTP_SENDER = "vendorrisk@example.com"
    SMTP_TIMEOUT = 10


class DevelopmentConfig(Config):
    """The embedded default: SQLite in the instance folder, one process."""

    # The demo's users sign in without an authenticator app; production requires one
    # of its administrators, approvers and executives (Config.TOTP_REQUIRED_ROLES).
    TOTP_REQUIRED_ROLES = ""


class TestingConfig(Config):
    """Fast, deterministic settings for the test suite."""

    TESTING = True
    SECRET_KEY = "testing-secret-key-not-for-production"  # noqa: S105
    DATABASE_URL = "sqlite://"
    # Cheap hashes: the suite creates hundreds of users.
    ARGON2_PARAMS = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    # The suite's users sign in with a password alone; tests/auth/test_two_factor.py
    # sets the production default back.
    TOTP_REQUIRED_ROLES = ""


class ProductionConfig(Config):
    """Several web processes behind a proxy, PostgreSQL, cookies over HTTPS only."""

    DATABASE_URL = None
    SESSION_COOKIE_SECURE = True
    HSTS = True


ENVIRONMENTS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def load_config(config: FlaskConfig, overrides: Mapping[str, Any]) -> str:
    """Fill ``config`` from the class, the environment and ``overrides``; return the env name."""
    env_name = str(overrides.get("ENV") or os.environ.get("VENDORRISK_ENV") or "development")
    if env_name not in ENVIRONMENTS:
        raise ConfigError(
            f"VENDORRISK_ENV={env_name!r} is not one of {', '.join(sorted(ENVIRONMENTS))}"
        )
    config.from_object(ENVIRONMENTS[env_name])
    # A copy: VENDORRISK_OIDC__<name>__issuer=… fills this dict in place, and the class's
    # own must stay empty for the next application made in this process.
    config["OIDC"] = copy.deepcopy(config["OIDC"])
    config.from_prefixed_env("VENDORRISK")
    config.update(overrides)
    config["ENV"] = env_name
    _finish(config, env_name)
    return env_name


def _finish(config: FlaskConfig, env_name: str) -> None:
    """Derive the settings the extensions read and refuse unsafe combinations."""
    if not config.get("SECRET_KEY"):
        if env_name == "production":
            raise ConfigError(
                "VENDORRISK_SECRET_KEY must be set in production "
                '(for example: python -c "import secrets; print(secrets.token_hex(32))")'
            )
        # Not silent: `serve` and `demo` say that logins end when the process stops.
        config["SECRET_KEY"] = secrets.token_hex(32)
        config["SECRET_KEY_GENERATED"] = True
    if env_name == "production" and len(str(config["SECRET_KEY"])) < 32:
        raise ConfigError("VENDORRISK_SECRET_KEY must be at least 32 characters long")
    url = config.get("DATABASE_URL")
    if not url:
        raise ConfigError(
            "VENDORRISK_DATABASE_URL must be set in production "
            "(postgresql+psycopg://user:password@host/dbname)"
        )
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(str(url))
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        config["SQLALCHEMY_ENGINE_OPTIONS"] = {}
    elif config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql") and "options=" not in \
            config["SQLALCHEMY_DATABASE_URI"].partition("?")[2]:
        # No JIT: PostgreSQL compiles any plan it estimates costly, and for this
        # application's queries (a few ms, over indexes) the compiling is the cost: the
        # audit programme's sweep of 30,000 tier-1 vendors took 0.42 s, 0.29 s of it JIT.
        # (A URL with options of its own keeps them: they would be overridden here.)
        options = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])
        options["connect_args"] = {"options": "-c jit=off",
                                   **options.get("connect_args", {})}
        config["SQLALCHEMY_ENGINE_OPTIONS"] = options
    config["PERMANENT_SESSION_LIFETIME"] = int(config["SESSION_LIFETIME_HOURS"]) * 3600
    for name in ("REMINDER_DAYS_BEFORE", "EXPIRY_NOTICE_DAYS"):
        config[name] = _days(name, config[name])
    try:
        ZoneInfo(str(config["DISPLAY_TIMEZONE"]))
    except (ValueError, ZoneInfoNotFoundError):
        raise ConfigError(f"VENDORRISK_DISPLAY_TIMEZONE={config['DISPLAY_TIMEZONE']!r} is not "
                          "a time zone name like Asia/Tokyo, UTC or Europe/Berlin") from None
    if config["FISCAL_YEAR_START_MONTH"] not in range(1, 13):
        raise ConfigError("VENDORRISK_FISCAL_YEAR_START_MONTH must be a month, 1 to 12 "
                          "(4: the fiscal year runs from April to March)")
    for flag in ("INCIDENT_AWARENESS_DAY_COUNTS", "AUDIT_BEFORE_GO_LIVE"):
        if not isinstance(config[flag], bool):
            raise ConfigError(f"VENDORRISK_{flag} must be true or false")
    if config["STORAGE"] not in ("local", "s3"):
        raise ConfigError(f"VENDORRISK_STORAGE={config['STORAGE']!r} is not local or s3")
    if config["STORAGE"] == "s3" and not config.get("S3_BUCKET"):
        raise ConfigError("VENDORRISK_S3_BUCKET must be set with VENDORRISK_STORAGE=s3")


def normalise_database_url(url: str) -> str:
    """Point bare PostgreSQL URLs at psycopg 3, the driver we ship (not psycopg2)."""
    for bare in ("postgres://", "postgresql://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare) :]
    return url


def _days(name: str, value: Any) -> tuple[int, ...]:
    """A list of day counts, from a tuple or from the environment ("60,30,7" or JSON)."""
    parts = value.split(",") if isinstance(value, str) else value
    try:
        days = tuple(int(part) for part in parts)
    except (TypeError, ValueError):
        raise ConfigError(f"VENDORRISK_{name} must list whole days, like 7,3,1") from None
    if any(day < 0 for day in days):
        raise ConfigError(f"VENDORRISK_{name} must list days of 0 or more")
    return days
