"""Backup and restore of everything the product keeps: the database (SQLite's online
backup, or ``pg_dump``'s custom format) and the upload folder, with a manifest of
SHA-256 hashes. A restore checks every hash before it touches anything, and refuses a
database that holds data unless told to replace it."""

import hashlib
import json
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from flask import current_app
from sqlalchemy import func, inspect, select
from sqlalchemy.engine import URL

from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import upload_folder

MANIFEST = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """The backup cannot be made or restored; the message says why."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _libpq(url: URL) -> str:
    """The SQLAlchemy URL as pg_dump and pg_restore take it."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _kind() -> str:
    kind = db.engine.url.get_backend_name()
    if kind not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups of {kind} databases are not supported.")
    return kind


def backup(destination: Path, *, now: datetime) -> dict[str, Any]:
    """Write a backup into ``destination`` (a new folder); return its manifest."""
    if destination.exists() and any(destination.iterdir()):
        raise BackupError(f"{destination} is not empty; choose a new folder.")
    destination.mkdir(parents=True, exist_ok=True)
    kind = _kind()
    revision = MigrationContext.configure(db.session.connection()).get_current_revision()
    db.session.commit()  # nothing of this session is left out of the copy
    if kind == "sqlite":
        dump = destination / "database.sqlite3"
        raw = db.engine.raw_connection()
        try:
            with sqlite3.connect(dump) as target:
                raw.driver_connection.backup(target)  # consistent while others write
            target.close()
        finally:
            raw.close()
    else:
        dump = destination / "database.pgdump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
              "--file", str(dump), _libpq(db.engine.url)])
    files = []
    source = upload_folder()  # with S3 storage there is none: the bucket keeps the files
    for path in sorted(source.rglob("*")) if source.exists() else []:
        if path.is_file():
            relative = path.relative_to(source)
            copy = destination / "uploads" / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
            files.append({"path": relative.as_posix(), "sha256": _sha256(copy),
                          "size": copy.stat().st_size})
    manifest = {"format": FORMAT, "created_at": now.isoformat(), "revision": revision,
                "database": {"kind": kind, "file": dump.name, "sha256": _sha256(dump),
                             "size": dump.stat().st_size},
                "uploads": files,
                "uploads_bucket": current_app.config["S3_BUCKET"]
                if current_app.config["STORAGE"] == "s3" else None}
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def verify(source: Path) -> dict[str, Any]:
    """The manifest of the backup in ``source``, once every file matches its hash."""
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"No readable {MANIFEST} in {source}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("This backup was written in a format this version cannot read.")
    expected = [(source / manifest["database"]["file"], manifest["database"]["sha256"])]
    expected += [(source / "uploads" / item["path"], item["sha256"])
                 for item in manifest["uploads"]]
    for path, digest in expected:
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"{path.relative_to(source)} is missing or does not match "
                              "its hash; nothing was restored.")
    return manifest


def _holds_data() -> bool:
    return any(db.session.scalar(select(func.count()).select_from(table))
               for table in db.metadata.sorted_tables)


def restore(source: Path, *, replace: bool = False) -> dict[str, Any]:
    """Put the backup in ``source`` back: the database and the uploads."""
    manifest = verify(source)
    kind = _kind()
    if manifest["database"]["kind"] != kind:
        raise BackupError(f"This is a backup of a {manifest['database']['kind']} "
                          f"database; the configured one is {kind}.")
    if not replace and _inspectable() and _holds_data():
        raise BackupError("The database holds data; restore with --replace to overwrite "
                          "it.")
    db.session.remove()
    dump = source / manifest["database"]["file"]
    if kind == "sqlite":
        raw = db.engine.raw_connection()
        try:
            with sqlite3.connect(dump) as backup_copy:
                backup_copy.backup(raw.driver_connection)
            backup_copy.close()
        finally:
            raw.close()
    else:
        db.engine.dispose()  # pg_restore drops the tables: no session may hold them
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
              "--single-transaction", "--dbname", _libpq(db.engine.url), str(dump)])
    db.engine.dispose()
    target = upload_folder()
    for item in manifest["uploads"]:
        path = target / item["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / "uploads" / item["path"], path)
    return manifest


def _inspectable() -> bool:
    """The tables exist (an empty new database has none yet)."""
    return bool(inspect(db.engine).get_table_names())


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL's client tools).") \
            from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()[:2000]}") from error
