"""Demo incidents: the payroll provider reported two days ago that payslips went to the
wrong addresses (reportable: more than 1,000 people)."""

from datetime import datetime, timedelta

from sqlalchemy import select

from vendorrisk.auth.models import User
from vendorrisk.auth.services import find_user_by_email
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.models import Incident
from vendorrisk.incidents.services import IncidentInput, report_incident
from vendorrisk.vendors.models import Vendor


def payroll_and_reviewer() -> tuple[Vendor | None, User | None]:
    """The demo's payroll provider and its reviewer (None where the demo has not made
    them)."""
    payroll = db.session.scalar(select(Vendor).where(
        Vendor.legal_name == "Kyuyo Payroll Services K.K."))
    return payroll, find_user_by_email("reviewer@example.com")


def load_incident_demo(*, now: datetime) -> None:
    """Once: nothing is added when an incident exists already."""
    if db.session.scalar(select(Incident.id).limit(1)) is not None:
        return
    payroll, reviewer = payroll_and_reviewer()
    if payroll is None or reviewer is None:
        return
    reported = now - timedelta(days=2)
    report_incident(payroll, IncidentInput(
        reporter_name="佐藤 花子 (情報セキュリティ責任者)", reporter_contact="+81 3-0000-0000",
        occurred_at=reported - timedelta(days=1), consignee_aware_at=reported - timedelta(
            hours=6), categories=("employee",), individuals=1240,
        overview="A mail-merge error sent November payslips to the previous month's "
                 "addresses list; 1,240 employees' slips went to other employees.",
        data_items="Name, employee number, salary, deductions, bank account (last 4 digits)",
        cause="An address file was not refreshed before the run; no second check.",
        secondary_damage="None known. Recipients asked to return or destroy the slips.",
        response_to_individuals="Apology letters being prepared.",
        recurrence_prevention="Four-eyes check of the address file before each run."),
        actor=None, now=reported)
