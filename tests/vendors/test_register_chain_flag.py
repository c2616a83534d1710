"""The register's "country record missing or old" flag reads where the data is handled
down the whole chain (vendors/chain.py where_handled), as the vendor page does: a
foreign country two links down without a current record flags the vendor in the list
page, its "flagged only" filter, the CSV export and the register report. The flags of
a batch are read together, not per vendor."""

import csv
import io
from datetime import timedelta

from sqlalchemy import event

from tests.conftest import VENDOR_BASE
from tests.helpers import page_text
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.register import register_lines
from vendorrisk.vendors.inputs import VendorInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.queries import RegisterFilters, register_rows
from vendorrisk.vendors.services.country_records import save_country_record
from vendorrisk.vendors.services.reconsignment import add_sub_consignment
from vendorrisk.vendors.services.register import create_vendor

JP = {**VENDOR_BASE, "countries": ["JP"], "country": "JP"}


def _vendor(name: str) -> Vendor:
    vendor = create_vendor(VendorInput(**{**JP, "legal_name": name}), owner_id=None,
                           actor=None, now=utcnow())
    return vendor


def _chain(app) -> None:
    """Top → Middle (JP) → Bottom (US): the US is two links below Top. Beside them, a
    chain whose foreign country (SG) has a current record."""
    with app.app_context():
        top, middle, bottom = _vendor("Top K.K."), _vendor("Middle K.K."), _vendor("Bottom")
        add_sub_consignment(top, middle, work="Printing", country="JP",
                            data_handled="Customers", actor=None, now=utcnow())
        add_sub_consignment(middle, bottom, work="Hosting", country="US",
                            data_handled="Customers", actor=None, now=utcnow())
        covered_top, covered_middle = _vendor("Covered K.K."), _vendor("Covered Middle")
        add_sub_consignment(covered_top, covered_middle, work="Printing", country="JP",
                            data_handled="Customers", actor=None, now=utcnow())
        add_sub_consignment(covered_middle, _vendor("Covered Bottom"), work="Hosting",
                            country="SG", data_handled="Customers", actor=None, now=utcnow())
        actor = db.session.query(User).first()
        save_country_record("SG", regime_summary="PDPA", source="PDPC", measures="Contract",
                            checked_on=utcnow().date() - timedelta(days=10), actor=actor,
                            now=utcnow())
        db.session.commit()


FLAGGED = {"Top K.K.", "Middle K.K."}


def test_a_foreign_country_two_links_down_flags_the_register(app, client, auth):
    auth.login_as(Role.PROCUREMENT)
    _chain(app)
    today = utcnow().date()
    with app.app_context():
        lines = {line.name: line.flagged for line in register_lines(
            RegisterFilters(), today=today, home="JP", expiring_days=60)}
        assert {name for name, flagged in lines.items() if flagged} == FLAGGED
        rows = {vendor.legal_name: flagged for vendor, flagged in register_rows(
            RegisterFilters(), today=today, home="JP")}
        assert {name for name, flagged in rows.items() if flagged} == FLAGGED
        only = {vendor.legal_name for vendor, _flagged in register_rows(
            RegisterFilters(flagged=True), today=today, home="JP")}
        assert only == FLAGGED  # the filter walks the chain as the flag does
    page = page_text(client.get("/vendors/?flagged=1"))
    assert "Top K.K." in page
    assert "Middle K.K." in page
    assert "Covered K.K." not in page
    assert "Bottom" not in page
    assert page.count("Country record missing or old") == 2
    text = client.get("/vendors/export.csv").get_data(as_text=True).lstrip("\ufeff")
    flags = {row["legal_name"]: row["country_record_flag"]
             for row in csv.DictReader(io.StringIO(text))}
    assert flags["Top K.K."] == flags["Middle K.K."] != flags["Covered K.K."]
    assert flags["Covered K.K."] == flags["Bottom"]


def test_the_flags_of_a_batch_are_read_together(app):
    _chain(app)
    with app.app_context():
        for number in range(30):
            _vendor(f"More {number:02d}")
        db.session.commit()
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            rows = list(register_rows(RegisterFilters(), today=utcnow().date(), home="JP"))
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        assert len(rows) == 36
        chain_reads = [s for s in statements if "FROM sub_consignments" in s]
        assert len(chain_reads) <= 6  # a few per batch (a level each), not one per vendor
