"""The home page: the portfolio as charts with their numbers, what is overdue and
expiring, the work queue, recent activity — each for the roles that should see it."""

import re
from datetime import timedelta

from tests.assessments.conftest import in_days, raise_finding, sign_off
from tests.contracts.conftest import record_contract
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import VendorStatus


def _cell(html: str, row: str, column_index: int, table: int = 0) -> str:
    """The number in ``row``'s row of the ``table``-th table that has such a row, at
    ``column_index`` (0 = the first count)."""
    rows = re.findall(rf'<th scope="row">{re.escape(row)}</th>(.*?)</tr>', html, re.S)
    return re.findall(r"<td>(\d+)</td>", rows[table])[column_index]


def test_the_dashboard_shows_the_portfolio_and_what_is_late(
        app, client, auth, people, submitted, make_vendor):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    raise_finding(client, assessment_id, owner_id=people.reviewer.id)
    auth.logout()
    sign_off(client, auth, people, assessment_id, outcome="approve_with_conditions")
    late = make_vendor(legal_name="Late Review K.K.")
    with app.app_context():
        vendor = db.session.get(Vendor, late.id)
        vendor.status = VendorStatus.APPROVED
        vendor.next_review_on = utcnow().date() - timedelta(days=12)
        db.session.commit()
        decided = db.session.get(Assessment, assessment_id)
        risk = decided.residual_risk
    auth.login_as(Role.PROCUREMENT)
    record_contract(client, late.id, title="Review contract", effective_to=in_days(20))
    auth.logout()
    auth.login(people.reviewer.email)
    html = client.get("/dashboard/").get_data(as_text=True)

    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 3
    assert 'aria-label="Vendors by tier and status"' in html
    # The tables beside the charts: the signed tier 1 vendor is approved; the late one
    # is a tier 2 or 3 vendor, approved too.
    statuses = [status.value for status in VendorStatus]  # the table's columns
    assert _cell(html, "Tier 1", statuses.index("conditionally_approved")) == "1"
    assert (_cell(html, "High", 0), _cell(html, "High", 1)) == ("1", "0")  # open, overdue
    risks = ["low", "medium", "high", "none"]
    assert risk in risks
    assert _cell(html, "Tier 1", risks.index(risk), table=1) == "1"
    assert "Late Review K.K." in html
    assert "12 days overdue" in html
    assert "Review contract" in html  # expiring within the 60 days
    assert 'href="/assessments/queue/review"' in html  # the reviewer's work queue
    assert "Your recent actions" in html  # a reviewer sees their own, not everyone's


def test_auditors_see_everyones_activity(client, auth, make_vendor):
    make_vendor(legal_name="Audited Co.")
    auth.login_as(Role.AUDITOR)
    html = client.get("/dashboard/").get_data(as_text=True)
    assert "Recent activity" in html
    assert "Vendor registered" in html  # the action in words (issue 24), not its code
    assert "vendor.created" not in html
    assert "My work queue" not in html  # an auditor has no queue
    assert "No review is overdue." in html


def test_the_dashboard_in_japanese(client, auth, make_user):
    user = make_user(Role.AUDITOR, language="ja")
    auth.login(user.email)
    html = client.get("/dashboard/").get_data(as_text=True)
    assert "ティア別・状態別の委託先" in html
    assert html.count("<svg") == 3
