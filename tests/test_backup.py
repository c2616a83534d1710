"""`vendorrisk backup` and `vendorrisk restore`: a round trip into an empty database
gives back every row of every table and every uploaded file; a damaged backup or a
database that holds data is refused before anything changes."""

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import ON_POSTGRESQL, TEST_DATABASE_URL, app_config
from tests.helpers import table_snapshot
from vendorrisk import create_app
from vendorrisk.edges.cli.backup import BackupError, restore
from vendorrisk.edges.cli.demo import load_demo_data
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage, upload_folder


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def empty_database(tmp_path) -> Iterator[str]:
    """The URL of a new, empty database of the kind the tests run on."""
    if not ON_POSTGRESQL:
        yield f"sqlite:///{tmp_path / 'restored.db'}"
        return
    name = f"vendorrisk_restore_{uuid.uuid4().hex[:8]}"
    server = create_engine(TEST_DATABASE_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield TEST_DATABASE_URL.rsplit("/", 1)[0] + "/" + name
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


def test_a_round_trip_gives_back_every_row_and_every_file(app, tmp_path, empty_database):
    with app.app_context():
        load_demo_data(now=utcnow())
        storage().put("見積書 evidence".encode())
        storage().put(b"%PDF-1.4 a contract")
        db.session.commit()
        rows, files = table_snapshot(), _files(upload_folder())
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup")])
    assert result.exit_code == 0, result.output
    assert "uploaded files to" in result.output
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert len(manifest["uploads"]) == len(files) >= 2
    assert sum(len(table) for table in rows.values()) > 100  # the demo's rows

    target = create_app(app_config(tmp_path / "target", DATABASE_URL=empty_database))
    restored = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "backup")])
    assert restored.exit_code == 0, restored.output
    with target.app_context():
        assert table_snapshot() == rows
        assert _files(upload_folder()) == files
        # A second restore over the data it holds now is refused without --replace.
        with pytest.raises(BackupError, match="holds data"):
            restore(tmp_path / "backup")
        db.session.remove()
        db.engine.dispose()


def test_a_damaged_backup_is_refused_before_anything_changes(app, tmp_path, empty_database):
    with app.app_context():
        load_demo_data(now=utcnow())
        storage().put(b"one file")
        db.session.commit()
    assert app.test_cli_runner().invoke(
        args=["backup", str(tmp_path / "backup")]).exit_code == 0
    upload = next(path for path in (tmp_path / "backup" / "uploads").rglob("*")
                  if path.is_file())
    upload.write_bytes(b"tampered")
    target = create_app(app_config(tmp_path / "target", DATABASE_URL=empty_database))
    refused = target.test_cli_runner().invoke(args=["restore", str(tmp_path / "backup")])
    assert refused.exit_code == 1
    assert "does not match its hash; nothing was restored" in refused.output
    with target.app_context():
        assert not upload_folder().exists()
        assert db.inspect(db.engine).get_table_names() == []
        db.session.remove()
        db.engine.dispose()
    again = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "backup")])
    assert again.exit_code == 1
    assert "is not empty" in again.output
