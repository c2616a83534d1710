"""The annual supervision summary (R20): asked for on the reports page, rendered in the
background, read back in English and Japanese."""

import io

from pypdf import PdfReader
from sqlalchemy import func, select

from tests.assessments.conftest import in_days, raise_finding, sign_off
from tests.contracts.conftest import record_contract
from tests.helpers import fiscal_year_now
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.models import ReportRun
from vendorrisk.reports.queue import render_queued


def _flat_text(data: bytes) -> str:
    return "".join("".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
                   .split())


def _summary(app, client, language: str) -> str:
    year = fiscal_year_now()
    response = client.post("/reports/summary", data={"year": str(year), "lang": language})
    assert response.status_code == 302
    with app.app_context():
        assert render_queued(utcnow()) == 1
    download = client.get(f"{response.headers['Location']}/file")
    assert download.status_code == 200
    assert f"supervision-summary-{year}-{language}.pdf" in \
        download.headers["Content-Disposition"]
    return _flat_text(download.data)


def test_the_summary_counts_the_year(app, client, auth, people, submitted, tier1_vendor):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id)
    auth.logout()
    sign_off(client, auth, people, assessment_id, outcome="approve_with_conditions")
    auth.login_as(Role.PROCUREMENT)
    record_contract(client, tier1_vendor.id, title="Printing services agreement",
                    effective_to=in_days(200))
    auth.logout()
    auth.login_as(Role.AUDITOR)
    reports_page = client.get("/reports/runs").get_data(as_text=True)
    assert 'action="/reports/summary"' in reports_page

    text = _summary(app, client, "en")
    for expected in (
            f"Annualsupervisionsummary{fiscal_year_now()}", "Portfoliobytierandstatus",
            # tier 1: one conditionally approved vendor, total one
            "Tier1000010001",
            # decided: approve / with conditions / reject
            "Assessmentsdecidedintheyear", "Selection(beforeentrustingdata)010",
            # high findings: opened in the year, closed, open now, overdue
            "High1010", "Printingservicesagreement",
            "Changestotheselectionstandards", "Ministandard(miniv1)", "Page1of"):
        assert expected in text, expected
    ja = _summary(app, client, "ja")
    for expected in ("年次監督報告書", "ティア別・状態別の委託先", "年内に解消",
                     "Printingservicesagreement"):
        assert expected in ja, expected


def test_a_year_not_offered_is_refused(app, client, auth):
    auth.login_as(Role.AUDITOR)
    for year in ("1999", "next", ""):
        response = client.post("/reports/summary", data={"year": year, "lang": "en"})
        assert response.status_code == 400
        assert "Choose one of the years offered." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ReportRun)) == 0
