"""Holding a row until commit, so that two people acting on it at once act one after the
other (the second sees what the first did)."""

from sqlalchemy import update

from vendorrisk.foundation.extensions import db


def hold(row: db.Model) -> None:
    """Lock ``row`` for the rest of the transaction and read it again as it now stands.
    PostgreSQL locks the row; SQLite, which has no row locks, takes its write lock with a
    no-op write."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.refresh(row, with_for_update=True)
        return
    model = type(row)
    db.session.execute(update(model).where(model.id == row.id).values(id=model.id))
    db.session.refresh(row)
