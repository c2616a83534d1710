"""Health and readiness endpoints: what a load balancer and a deployment script see."""

from flask_migrate import stamp
from sqlalchemy import text

from tests.conftest import app_config
from vendorrisk import create_app
from vendorrisk.extensions import db


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
