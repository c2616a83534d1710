"""Cross-border provision records (issue 25, R15): per vendor and foreign country, the
Art. 28 basis with evidence and date; under a conforming system the Rule 18 checks,
whose outcome suspends the provision or lets it go on; every mistake said at once."""

from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import func, select

from tests.conftest import VENDOR_BASE
from tests.helpers import page_text
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.crossborder_models import CrossBorderRecord, Rule18Check

NOW = datetime(2027, 3, 1, 3, 0, tzinfo=UTC)
BASIS = {"basis": "conforming_contract", "evidence": "DPA clause 12: APPI-equivalent "
         "measures; signed 2027-02-10.", "evidenced_on": "2027-02-10"}
CHECK = {"checked_on": "2027-02-28", "implementation": "SOC 2 report of 2026 read; "
         "access logs sampled.", "foreign_law": "No law found that prevents the measures.",
         "outcome": "continue", "note": ""}


@pytest.fixture
def abroad(make_vendor):
    return make_vendor(legal_name="Overseas Support Inc.", countries=["JP", "US"])


@time_machine.travel(NOW, tick=False)
def test_a_basis_then_checks_that_suspend_and_resume_the_provision(
        app, client, auth, abroad):
    auth.login_as(Role.REVIEWER)
    page = page_text(client.get(f"/vendors/{abroad.id}"))
    assert "Data is provided to United States without a basis recorded (APPI Art. 28)." in page
    form = client.get(f"/vendors/{abroad.id}/cross-border/US")
    assert "No basis is recorded for this provision." in page_text(form)
    assert client.post(f"/vendors/{abroad.id}/cross-border/US", data=BASIS).status_code == 302
    shown = page_text(client.get(f"/vendors/{abroad.id}/cross-border/US"))
    assert "A conforming system: a contract ensuring equivalent measures" in shown
    assert "Next Rule 18 check by 2028-02-10." in shown

    suspended = client.post(f"/vendors/{abroad.id}/cross-border/US/checks",
                            data={**CHECK, "outcome": "suspend",
                                  "foreign_law": "A new data-localisation order applies."})
    assert suspended.status_code == 302
    page = page_text(client.get(f"/vendors/{abroad.id}"))
    assert "The provision to United States is suspended after a Rule 18 check." in page
    resumed = client.post(f"/vendors/{abroad.id}/cross-border/US/checks", data={
        **CHECK, "checked_on": "2027-03-01", "outcome": "measures_required",
        "note": "Data stays encrypted with our keys."})
    assert resumed.status_code == 302
    shown = page_text(client.get(f"/vendors/{abroad.id}/cross-border/US"))
    assert "In order. Next Rule 18 check by 2028-02-29." in shown  # 365 days on
    assert "Continues with measures required" in shown
    with app.app_context():
        entry = db.session.scalar(select(CrossBorderRecord))
        assert (entry.country, entry.suspended, len(entry.checks)) == ("US", False, 2)
        details = [event.details for event in db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "vendor.rule18_check").order_by(AuditEvent.seq))]
        assert [d["suspended"] for d in details] == [[False, True], [True, False]]


@time_machine.travel(NOW, tick=False)
def test_every_mistake_is_said_at_once_and_nothing_is_stored(app, client, auth, abroad):
    auth.login_as(Role.APPROVER)
    refused = client.post(f"/vendors/{abroad.id}/cross-border/US", data={
        "basis": "designated_country", "evidence": " ", "evidenced_on": "2027-03-02"})
    assert refused.status_code == 400
    page = page_text(refused)
    for message in ("Only the EEA and the United Kingdom are designated countries",
                    "Say what shows it", "Give the date of the evidence"):
        assert message in page, message
    client.post(f"/vendors/{abroad.id}/cross-border/US", data={**BASIS, "basis": "consent"})
    no_check = client.post(f"/vendors/{abroad.id}/cross-border/US/checks", data=CHECK)
    assert no_check.status_code == 400  # consent needs no Rule 18 check
    assert "Only a provision relying on a conforming system is checked" in page_text(no_check)
    client.post(f"/vendors/{abroad.id}/cross-border/US", data=BASIS)
    bad = client.post(f"/vendors/{abroad.id}/cross-border/US/checks", data={
        "checked_on": "", "implementation": "", "foreign_law": "", "outcome": "maybe",
        "note": ""})
    assert bad.status_code == 400
    for message in ("Choose the outcome of the check.", "Give the day of the check",
                    "Say how the recipient implements the measures",
                    "Say which laws of the country could prevent them"):
        assert message in page_text(bad), message
    required = client.post(f"/vendors/{abroad.id}/cross-border/US/checks",
                           data={**CHECK, "outcome": "measures_required"})
    assert "Say which measures are required." in page_text(required)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Rule18Check)) == 0


@pytest.mark.parametrize(("role", "status"), [
    (Role.REVIEWER, 302), (Role.APPROVER, 302), (Role.PROCUREMENT, 403),
    (Role.AUDITOR, 403), (Role.EXECUTIVE, 403), (Role.ADMIN, 403)])
@time_machine.travel(NOW, tick=False)
def test_reviewers_and_approvers_record_everyone_reads(client, auth, abroad, role, status):
    auth.login_as(role)
    assert client.get(f"/vendors/{abroad.id}/cross-border/US").status_code == 200
    assert client.post(f"/vendors/{abroad.id}/cross-border/US",
                       data=BASIS).status_code == status


@pytest.mark.parametrize("country", ["JP", "FR", "XX", "us-east", "１２"])
def test_a_country_where_no_data_goes_is_not_found(client, auth, abroad, country):
    auth.login_as(Role.REVIEWER)
    assert client.get(f"/vendors/{abroad.id}/cross-border/{country}").status_code == 404
    assert client.post(f"/vendors/{abroad.id}/cross-border/{country}",
                       data=BASIS).status_code == 404


def test_a_vendor_in_japan_alone_has_no_cross_border_section(client, auth, make_vendor):
    home = make_vendor(**{**VENDOR_BASE, "legal_name": "Tokyo Only KK"})
    auth.login_as(Role.REVIEWER)
    assert "Provision abroad" not in page_text(client.get(f"/vendors/{home.id}"))
