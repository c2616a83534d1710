"""Claiming an effect once: insert its key, or learn that it was done already."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vendorrisk.extensions import db
from vendorrisk.supervision.models import Mark


def claim(key: str, *, job: str, now: datetime) -> bool:
    """True when ``key`` was not yet done: the caller does the work in this transaction.
    False when it was (by an earlier run, or another scheduler that committed first: on
    PostgreSQL the insert waits for that one's commit, then fails on the unique key)."""
    try:
        with db.session.begin_nested():
            db.session.add(Mark(key=key[:200], job=job, created_at=now))
    except IntegrityError:
        return False
    return True


def taken(keys: list[str]) -> set[str]:
    """Which of ``keys`` are done already: one query for a batch, so that a day's sweep
    skips yesterday's notices without trying (and failing) to insert each again."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found.update(db.session.scalars(select(Mark.key).where(
            Mark.key.in_(keys[start:start + 500]))))
    return found
