"""The register list costs the same number of SQL queries for 10 or 5,000 vendors."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tests.vendors.seeding import seed_vendors
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.services.locations import MAX_DEPTH


@contextmanager
def counted_queries(app):
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


# Each matches some of the first ten seeded vendors, so both registers fill the page
# (an empty page skips the categories query).
PAGES = ["/vendors/", "/vendors/?tier=1", "/vendors/?q=vendor+00", "/vendors/?flagged=1",
         "/vendors/?country=US", "/vendors/?sort=tier&status=prospect",
         "/vendors/?classification=consignment&sort=updated"]


def _queries_per_page(app, client) -> dict[str, int]:
    """Queries per page, the chain's levels apart: the flag reads each level of the page's
    chains once (services/locations.py), as many as the deepest chain, never per vendor."""
    counts = {}
    for path in PAGES:
        with counted_queries(app) as statements:
            assert client.get(path).status_code == 200
        levels = [s for s in statements if s.lstrip().startswith("SELECT sub_consignments.id,")]
        assert len(levels) <= MAX_DEPTH + 1
        counts[path] = len(statements) - len(levels)
    return counts


@pytest.mark.parametrize("app", [{}], indirect=True)
def test_list_page_query_count_does_not_grow_with_the_register(app, client, auth):
    user = auth.login_as(Role.AUDITOR)
    with app.app_context():
        seed_vendors(10, owner_id=user.id)
    small = _queries_per_page(app, client)
    with app.app_context():
        db.session.execute(db.text("DELETE FROM sub_consignments"))
        for table in ("vendor_contacts", "vendor_countries", "vendor_categories", "vendors"):
            db.session.execute(db.text(f"DELETE FROM {table}"))  # noqa: S608
        db.session.commit()
        seed_vendors(5000, owner_id=user.id)
    large = _queries_per_page(app, client)
    assert large == small
    # the user and their roles, covered countries, matching ids, the page, its
    # categories and countries, and the owners for the filter
    assert max(large.values()) == 8


def test_vendor_page_query_count_is_constant(app, client, auth):
    auth.login_as(Role.REVIEWER)
    with app.app_context():
        seed_vendors(200)
    counts = []
    for vendor_id in (30, 150):
        with counted_queries(app) as statements:
            assert client.get(f"/vendors/{vendor_id}").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1]
