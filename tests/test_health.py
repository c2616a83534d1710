"""Health and readiness endpoints: what a load balancer and a deployment script see."""

import errno
import os

import boto3
from flask_migrate import stamp
from sqlalchemy import text

from tests.conftest import app_config
from tests.test_storage_s3 import BUCKET, s3_server  # noqa: F401  (a fixture)
from vendorrisk import create_app
from vendorrisk.foundation import storage as storage_module
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import upload_folder


def test_healthz_checks_the_database_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "checks": {"database": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_waits_for_the_migrations(app, client):
    # The test database is made from the models, not migrated: not ready.
    behind = client.get("/readyz")
    assert behind.status_code == 503
    assert behind.json["checks"] == {"database": "ok", "schema": "not at the migration head",
                                     "storage": "ok"}
    with app.app_context():
        stamp()  # as `vendorrisk db upgrade` leaves it
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json["status"] == "ok"
    with app.app_context():  # the PostgreSQL test schema is shared: leave it unstamped
        db.session.execute(text("DROP TABLE alembic_version"))
        db.session.commit()


def test_an_unreachable_database_is_reported_not_raised(tmp_path):
    app = create_app(app_config(
        tmp_path, DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    with app.test_client() as client:
        for path in ("/healthz", "/readyz"):
            response = client.get(path)
            assert response.status_code == 503
            assert response.json["checks"]["database"] == "failing"


def test_readyz_writes_a_file_each_time_and_notices_a_full_disk(app, client, monkeypatch):
    assert client.get("/readyz").json["checks"]["storage"] == "ok"

    def no_space(source, target):  # noqa: ANN001, ANN202, ARG001  (as tests/faults do)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage_module.os, "replace", no_space)
    full = client.get("/readyz")  # the first check's file is there: it must write anew
    assert full.status_code == 503
    assert full.json["checks"]["storage"] == "failing"
    monkeypatch.undo()
    assert client.get("/readyz").json["checks"]["storage"] == "ok"
    with app.app_context():
        assert [path for path in upload_folder().rglob("*") if path.is_file()] == []


def test_readyz_leaves_nothing_in_a_versioned_bucket(app, client, s3_server):  # noqa: F811
    buckets = boto3.client("s3", endpoint_url=s3_server)
    buckets.put_bucket_versioning(Bucket=BUCKET,
                                  VersioningConfiguration={"Status": "Enabled"})
    assert client.get("/readyz").json["checks"]["storage"] == "ok"
    assert client.get("/readyz").json["checks"]["storage"] == "ok"
    listing = buckets.list_object_versions(Bucket=BUCKET)
    assert listing.get("Versions", []) == listing.get("DeleteMarkers", []) == []
