"""The annual summary counts one fiscal year (issue 25: April to March by default, a
setting), its bounds in Japan time: an incident learnt of at 23:30 on 31 March belongs
to the year that ends that day, one at 00:30 on 1 April to the next."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.helpers import page_text
from vendorrisk.reports.summary import annual_summary

LATER = datetime(2027, 4, 10, 3, 0, tzinfo=UTC)
RECORD = {"reporter_name": "Ken Mori", "overview": "A box of forms went missing.",
          "categories": ["customer"], "individuals": "10"}


def _record(client, vendor_id: int, notified_at: str) -> None:
    response = client.post(f"/incidents/new/{vendor_id}",
                           data={**RECORD, "notified_at": notified_at})
    assert response.status_code == 302, page_text(response)


@pytest.mark.parametrize(("start_month", "expected"), [
    (4, {2025: 0, 2026: 2, 2027: 1}),  # 年度: April to March
    (1, {2025: 0, 2026: 1, 2027: 2})])  # the calendar year
@time_machine.travel(LATER, tick=False)
def test_incidents_count_in_the_fiscal_year_they_were_learnt_of(
        app, client, auth, staff, portfolio, start_month, expected):
    app.config["FISCAL_YEAR_START_MONTH"] = start_month
    auth.login(staff.reviewer.email)
    for when in ("2026-12-20T10:00", "2027-03-31T23:30", "2027-04-01T00:30"):
        _record(client, portfolio["Acme Calls"], when)
    with app.app_context():
        counted = {year: annual_summary(year, today=LATER.date(), expiring_days=60)
                   .incidents.reported for year in expected}
    assert counted == expected


@time_machine.travel(LATER, tick=False)
def test_the_reports_page_offers_fiscal_years_with_their_days(app, client, auth, staff):
    auth.login(staff.reviewer.email)
    page = page_text(client.get("/reports/runs"))
    assert "Fiscal year 2027 (2027-04-01 – 2028-03-31) 2026 (2026-04-01 – 2027-03-31)" in page
