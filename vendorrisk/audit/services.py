"""Writing to and checking the audit log. Every service that changes state calls record()."""

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session, SessionTransaction

from vendorrisk.audit.chain import (
    GENESIS_HASH,
    ChainBreak,
    ChainedEvent,
    StoredEvent,
    event_hash,
    find_break,
)
from vendorrisk.audit.models import AuditEvent
from vendorrisk.foundation.extensions import db

# Any constant will do: it names the lock that serialises appends on PostgreSQL.
_APPEND_LOCK_KEY = 725_001
_TIP = "audit_chain_tip"  # session.info: (seq, hash) of this transaction's last append


class Actor(Protocol):
    """Anything that can act: a user (id + email). None means the system itself."""

    id: int
    email: str


def record(
    action: str,
    *,
    actor: Actor | None,
    object_type: str,
    object_id: object,
    now: datetime,
    details: dict[str, Any] | None = None,
    actor_label: str | None = None,
) -> None:
    """Append one event to the chain, after flushing the session (the caller commits).

    ``actor_label`` names an actor without an account (a vendor link, the scheduler).
    """
    session = db.session
    tip = session.info.get(_TIP)
    if tip is None:  # the first append of this transaction: take the lock, read the tip
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                            {"key": _APPEND_LOCK_KEY})
        last = session.execute(
            select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
        ).first()
        tip = (last.seq, last.hash) if last else (0, GENESIS_HASH)
    chained = ChainedEvent(
        seq=tip[0] + 1,
        occurred_at=now.astimezone(UTC),
        actor_id=actor.id if actor else None,
        actor_label=actor_label or (actor.email if actor else "system"),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        details=dict(details or {}),
        prev_hash=tip[1],
    )
    digest = event_hash(chained)
    # The change this event records is written first; the event itself goes in as one
    # Core INSERT (the ORM's bookkeeping for an append-only row costs more than the row).
    session.flush()
    session.execute(_APPEND, {**chained.__dict__, "hash": digest})
    # Until this transaction ends, nobody else can append (PostgreSQL: the advisory lock;
    # SQLite: our write lock), so the next append needs neither the lock nor the read.
    session.info[_TIP] = (chained.seq, digest)


_APPEND = AuditEvent.__table__.insert()


@event.listens_for(Session, "after_soft_rollback")
def _forget_tip_on_rollback(session: Session, previous_transaction: object) -> None:
    # Any rollback, a savepoint's too, may have taken our rows (and on PostgreSQL the
    # lock) with it: read the tip again next time.
    session.info.pop(_TIP, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_tip_at_the_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_TIP, None)


def _stored_events(batch_size: int = 1000) -> Iterator[StoredEvent]:
    statement = select(AuditEvent).order_by(AuditEvent.seq).execution_options(
        yield_per=batch_size
    )
    rows = db.session.scalars(statement)
    try:
        yield from (_stored(row) for row in rows)
    finally:
        rows.close()  # a server-side cursor on PostgreSQL when we stop at a break


def _stored(row: AuditEvent) -> StoredEvent:
    return StoredEvent(
        row_id=row.id,
        hash=row.hash,
        event=ChainedEvent(
            seq=row.seq,
            occurred_at=row.occurred_at,
            actor_id=row.actor_id,
            actor_label=row.actor_label,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            details=row.details,
            prev_hash=row.prev_hash,
        ),
    )


def verify_chain() -> tuple[int, ChainBreak | None]:
    """Recompute the whole chain; return how many rows it holds and the first break."""
    count = db.session.scalar(select(func.count()).select_from(AuditEvent)) or 0
    events = _stored_events()
    try:
        return count, find_break(events)
    finally:
        events.close()
