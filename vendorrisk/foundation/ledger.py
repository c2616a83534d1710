"""Claiming an effect once: insert its key, or learn that it was done already."""

from datetime import datetime

from sqlalchemy import Insert, String, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from vendorrisk.foundation.dbtypes import UTCDateTime
from vendorrisk.foundation.extensions import db


def claim(key: str, *, job: str, now: datetime) -> bool:
    """True when ``key`` was not yet done: the caller does the work in this transaction.
    False when it was (by an earlier run, or another scheduler that committed first: on
    PostgreSQL the insert waits for that one's commit, then finds the key taken)."""
    return bool(claim_all([key], job=job, now=now))


def claim_all(keys: list[str], *, job: str, now: datetime) -> set[str]:
    """The keys of ``keys`` that were not yet done, now claimed: INSERT … ON CONFLICT DO
    NOTHING, no savepoint, sent as one statement per batch (the notices claim hundreds a
    day); the statement is built once per database kind and reused."""
    rows = [{"key": key[:200], "job": job, "created_at": now} for key in dict.fromkeys(keys)]
    if not rows:
        return set()
    return set(db.session.scalars(_insert_marks(), rows))


_INSERTS: dict[str, Insert] = {}


def _insert_marks() -> Insert:
    dialect = db.session.get_bind().dialect.name
    if dialect not in _INSERTS:
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        table = Mark.__table__  # Core, not the ORM's bulk path: a third of the cost
        _INSERTS[dialect] = (insert(table).on_conflict_do_nothing(index_elements=["key"])
                             .returning(table.c.key))
    return _INSERTS[dialect]


def taken(keys: list[str]) -> set[str]:
    """Which of ``keys`` are done already: one query for a batch, so that a day's sweep
    skips yesterday's notices without trying (and failing) to insert each again."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found.update(db.session.scalars(select(Mark.key).where(
            Mark.key.in_(keys[start:start + 500]))))
    return found


class Mark(db.Model):
    """An effect a job has had, by key ("review:12:2027-11-24"). The unique key is what
    makes a rerun, a catch-up or a second scheduler do nothing twice: whoever inserts the
    key first does the work, in the same transaction."""

    __tablename__ = "scheduler_marks"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    job: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
