"""One display time zone (VENDORRISK_DISPLAY_TIMEZONE, Japan's by default) for every time
a person reads — pages, PDFs, e-mails — shown with its zone; stored times stay UTC."""

import io
from datetime import UTC, datetime

import pytest
from flask import render_template_string
from pypdf import PdfReader
from sqlalchemy import select

from tests.conftest import app_config
from vendorrisk import create_app
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.config import ConfigError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.printing import render_pdf
from vendorrisk.foundation.templating import format_datetime
from vendorrisk.vendors.queries import RegisterFilters

MOMENT = datetime(2026, 12, 3, 7, 42, 10, tzinfo=UTC)


def test_outside_an_application_a_time_reads_in_japan_time():
    assert format_datetime(MOMENT) == "2026-12-03 16:42 JST"


@pytest.mark.parametrize(("zone", "shown"), [
    ("Asia/Tokyo", "2026-12-03 16:42 JST"),
    ("UTC", "2026-12-03 07:42 UTC"),
    ("Europe/Berlin", "2026-12-03 08:42 CET"),
    ("America/New_York", "2026-12-03 02:42 EST"),
])
def test_the_setting_chooses_the_zone(tmp_path, zone, shown):
    app = create_app(app_config(tmp_path, DISPLAY_TIMEZONE=zone))
    with app.app_context():  # as a job renders an e-mail: no request
        assert render_template_string("{{ moment|datetime }}", moment=MOMENT) == shown


def test_japan_time_is_the_default(app):
    assert app.config["DISPLAY_TIMEZONE"] == "Asia/Tokyo"


def test_a_zone_that_does_not_exist_is_refused_at_start(tmp_path):
    with pytest.raises(ConfigError, match="VENDORRISK_DISPLAY_TIMEZONE='Asia/Osaka'"):
        create_app(app_config(tmp_path, DISPLAY_TIMEZONE="Asia/Osaka"))


def test_a_staff_page_shows_the_time_in_the_zone_and_stores_utc(app, client, auth,
                                                                make_vendor):
    make_vendor(legal_name="Timed Co.")
    auth.login_as(Role.AUDITOR)
    with app.app_context():
        stored = db.session.scalars(select(AuditEvent.occurred_at)
                                    .where(AuditEvent.action == "vendor.created")).one()
    assert stored.utcoffset().total_seconds() == 0  # read back as UTC
    page = client.get("/audit/").get_data(as_text=True)
    assert format_datetime(stored) in page
    assert stored.strftime("%Y-%m-%d %H:%M UTC") not in page


def test_a_pdf_is_stamped_in_the_zone(app):
    with app.test_request_context():
        pdf = render_pdf("reports/register.html", language="en", title="Register",
                         now=MOMENT, filters=RegisterFilters(), lines=[])
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "2026-12-03 16:42 JST" in text
