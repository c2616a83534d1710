"""The audit log in the database: appends chain, tampering is found, the page filters."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from tests.helpers import page_text
from vendorrisk.audit.models import SQLITE_TRIGGERS, AuditEvent
from vendorrisk.audit.services import record, verify_chain
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db


@contextmanager
def append_only_guard_lifted() -> Iterator[None]:
    """Act as someone with direct database access, who can switch the trigger off."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("DROP TRIGGER audit_events_no_update"))
        yield
        db.session.execute(text(SQLITE_TRIGGERS[0]))
    else:
        db.session.execute(text("ALTER TABLE audit_events DISABLE TRIGGER USER"))
        yield
        db.session.execute(text("ALTER TABLE audit_events ENABLE TRIGGER USER"))


def test_every_recorded_event_links_to_the_one_before(app, make_user):
    make_user()
    with app.app_context():
        record("thing.done", actor=None, object_type="thing", object_id=7, now=utcnow(),
               details={"why": "because"})
        db.session.commit()
        rows = db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        assert [row.seq for row in rows] == [1, 2]
        assert rows[1].prev_hash == rows[0].hash
        assert rows[1].actor_label == "system"
        assert verify_chain() == (2, None)


def test_audit_verify_passes_on_an_intact_log(runner, make_user):
    make_user()
    make_user()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0
    assert "Audit log intact: 2 rows" in result.output


def test_audit_verify_names_a_row_changed_directly_in_the_database(app, runner, make_user):
    for _ in range(3):
        make_user()
    with app.app_context():
        second = db.session.scalar(select(AuditEvent).where(AuditEvent.seq == 2))
        with append_only_guard_lifted():
            db.session.execute(
                text("UPDATE audit_events SET object_id = '999' WHERE id = :id"),
                {"id": second.id},
            )
        db.session.commit()
        row_id = second.id
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"Audit log broken at row id {row_id} (sequence 2)" in result.output
    assert "content does not match its hash" in result.output


@pytest.mark.parametrize("statement", [
    "UPDATE audit_events SET action = 'x'",
    "DELETE FROM audit_events",
])
def test_database_refuses_to_change_or_delete_audit_rows(app, make_user, statement):
    make_user()
    with app.app_context(), pytest.raises(DatabaseError, match="append-only"):
        db.session.execute(text(statement))
    with app.app_context():
        db.session.rollback()
        assert verify_chain() == (1, None)


def test_orm_refuses_to_change_an_audit_row(app, make_user):
    make_user()
    with app.app_context():
        event = db.session.scalar(select(AuditEvent))
        event.action = "rewritten"
        with pytest.raises(RuntimeError, match="append-only"):
            db.session.flush()
        db.session.rollback()


def test_audit_page_filters_by_action_and_object(app, client, auth, make_user):
    target = make_user(email="target@example.com")
    auth.login_as(Role.AUDITOR)
    text_all = page_text(client.get("/audit/"))
    assert "user.login" in text_all
    filtered = page_text(client.get(f"/audit/?action=user.created&object_id={target.id}"))
    assert "target@example.com" in filtered
    assert "user.login" not in filtered


def test_audit_page_explains_a_bad_date(client, auth):
    auth.login_as(Role.AUDITOR)
    response = client.get("/audit/?since=yesterday")
    assert response.status_code == 200
    assert "A date was not understood" in page_text(response)


def test_audit_page_filters_by_date(client, auth):
    auth.login_as(Role.ADMIN)
    assert "user.login" not in page_text(client.get("/audit/?until=2000-01-01"))
    assert "user.login" in page_text(client.get("/audit/?since=2000-01-01"))
