"""Handling sites (issue 25, R1): where a vendor handles the data, by address, in one of
the countries of its profile; every mistake said at once and nothing stored; a country
with a site cannot be taken out of the profile; changes are audited; the vendor page,
the export and the dossier show them; only procurement edits."""

import csv
import io

from sqlalchemy import select

from tests.helpers import page_text, table_snapshot
from tests.vendors.conftest import vendor_form
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import VendorSite

SITE = {"name": "Tokyo centre", "address": "1-2-3 Kanda, Chiyoda-ku, Tokyo",
        "country": "JP", "handled": "Keying in applications"}


def test_a_site_is_added_changed_shown_and_removed(app, client, procurement, make_vendor):
    vendor = make_vendor(countries=["JP", "US"])
    page = page_text(client.get(f"/vendors/{vendor.id}"))
    assert "No handling sites recorded: the register names the countries only." in page
    assert client.get(f"/vendors/{vendor.id}/sites/new").status_code == 200
    added = client.post(f"/vendors/{vendor.id}/sites/new", data=SITE)
    assert added.status_code == 302
    page = page_text(client.get(f"/vendors/{vendor.id}"))
    assert "Tokyo centre · 1-2-3 Kanda, Chiyoda-ku, Tokyo (Japan)" in page
    with app.app_context():
        site_id = db.session.scalar(select(VendorSite.id))
    changed = client.post(f"/vendors/{vendor.id}/sites/{site_id}",
                          data={**SITE, "country": "US", "address": "Portland, OR"})
    assert changed.status_code == 302
    export = client.get("/vendors/export.csv").get_data(as_text=True).lstrip("\ufeff")
    row = next(csv.DictReader(io.StringIO(export)))
    assert row["handling_sites"] == "Tokyo centre, Portland, OR (US)"
    refused = client.post(f"/vendors/{vendor.id}/edit", data=vendor_form(
        legal_name=vendor.legal_name, countries=["JP"]))
    assert refused.status_code == 400
    assert ("The vendor's handling sites are in United States: move or remove them before "
            "taking the country out.") in page_text(refused)
    assert client.post(f"/vendors/{vendor.id}/sites/{site_id}/delete").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(VendorSite)) is None
        actions = [event.action for event in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("vendor.site%"))
            .order_by(AuditEvent.seq))]
        assert actions == ["vendor.site_added", "vendor.site_changed", "vendor.site_removed"]
        changes = db.session.scalar(select(AuditEvent.details).where(
            AuditEvent.action == "vendor.site_changed"))
        assert changes["country"] == ["JP", "US"]


def test_every_mistake_is_said_at_once_and_nothing_is_stored(app, client, procurement,
                                                             make_vendor):
    vendor = make_vendor(countries=["JP"])
    with app.app_context():
        before = table_snapshot()
    refused = client.post(f"/vendors/{vendor.id}/sites/new", data={
        "name": " ", "address": "", "country": "US", "handled": "x" * 2001})
    assert refused.status_code == 400
    text = page_text(refused)
    for message in ("Name the site", "Give the site's address.",
                    "United States is not among the countries where this vendor handles "
                    "the data: add it to the vendor's profile first.",
                    "At most 2000 characters."):
        assert message in text, message
    unknown = client.post(f"/vendors/{vendor.id}/sites/new", data={**SITE, "country": "ZZ"})
    assert "Choose the site's country." in page_text(unknown)
    with app.app_context():
        assert table_snapshot() == before


def test_only_procurement_edits_sites(app, client, auth, make_vendor):
    vendor = make_vendor()
    auth.login_as(Role.PROCUREMENT)
    client.post(f"/vendors/{vendor.id}/sites/new", data=SITE)
    auth.logout()
    with app.app_context():
        site_id = db.session.scalar(select(VendorSite.id))
    for role in (Role.REVIEWER, Role.APPROVER, Role.AUDITOR, Role.EXECUTIVE, Role.ADMIN):
        auth.login_as(role)
        assert client.get(f"/vendors/{vendor.id}/sites/{site_id}").status_code == 403
        assert client.post(f"/vendors/{vendor.id}/sites/{site_id}/delete").status_code == 403
        assert "Tokyo centre" in page_text(client.get(f"/vendors/{vendor.id}"))
        auth.logout()
    auth.login_as(Role.PROCUREMENT)
    for wrong in (f"/vendors/{vendor.id}/sites/999", f"/vendors/{vendor.id + 1}/sites/"
                  f"{site_id}", f"/vendors/{vendor.id}/sites/0"):
        assert client.get(wrong).status_code == 404, wrong
