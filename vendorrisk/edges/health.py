"""Health and readiness, for a load balancer or a service manager (public, JSON, never
cached, nothing but ok or what fails):

- ``/healthz``: this process answers and reaches its database;
- ``/readyz``: also, the schema is at the code's migration head (a deployment that
  forgot ``vendorrisk db upgrade`` is not ready) and the upload storage takes a file:
  each check writes a small file of its own and removes it (a full disk fails it).
"""

import logging

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, Response, jsonify
from sqlalchemy import text

from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.paths import migrations_folder
from vendorrisk.foundation.storage import StorageUnavailable, storage

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


def _database() -> str:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach it is "failing"; the log says which
        log.exception("Health check: the database does not answer")
        db.session.rollback()
        return "failing"
    return "ok"


def _schema() -> str:
    heads = set(ScriptDirectory(str(migrations_folder())).get_heads())
    current = set(MigrationContext.configure(db.session.connection()).get_current_heads())
    return "ok" if current == heads else "not at the migration head"


def _storage() -> str:
    try:
        storage().probe()
    except StorageUnavailable:
        log.exception("Readiness check: the upload storage refuses a file")
        return "failing"
    return "ok"


def _answer(checks: dict[str, str]) -> Response:
    healthy = all(value == "ok" for value in checks.values())
    response = jsonify({"status": "ok" if healthy else "failing", "checks": checks})
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/healthz")
def healthz() -> Response:
    return _answer({"database": _database()})


@bp.get("/readyz")
def readyz() -> Response:
    database = _database()
    checks = {"database": database,
              "schema": _schema() if database == "ok" else "unknown",
              "storage": _storage()}
    return _answer(checks)
