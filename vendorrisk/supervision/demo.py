"""Demo supervision: a questionnaire long overdue (reminded and escalated by the first
sweep), a supplier whose yearly review comes up within the month, and a payroll provider
whose yearly reassessment the first sweep sends with its answers carried over."""

from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import select

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.assessments.workflow import State
from vendorrisk.foundation.extensions import db
from vendorrisk.supervision.models import JobRun
from vendorrisk.supervision.schedule import schedule_after_decision
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import VendorStatus


def load_supervision_demo(*, now: datetime) -> None:
    """Once, before the scheduler's first run."""
    if db.session.scalar(select(JobRun.id).limit(1)) is not None:
        return
    today = now.date()
    late = db.session.scalar(select(Assessment).join(Assessment.vendor).where(
        Assessment.status == State.IN_PROGRESS,
        Vendor.legal_name == "Kanto Logistics Partners"))
    if late is not None:  # sent three weeks ago, due eight days ago
        late.sent_at, late.due_on = now - timedelta(days=22), today - timedelta(days=8)
    supplier = db.session.scalar(select(Vendor).where(
        Vendor.legal_name == "Aoba Office Supplies Co."))
    if supplier is not None:  # approved eleven months ago: its review comes up
        supplier.status = VendorStatus.APPROVED
        schedule_after_decision(supplier, SimpleNamespace(
            kind=AssessmentKind.SELECTION, tier=supplier.tier.value),
            today - timedelta(days=335))
    payroll = db.session.scalar(select(Assessment).join(Assessment.vendor).where(
        Assessment.status == State.DECIDED,
        Vendor.legal_name == "Kyuyo Payroll Services K.K."))
    if payroll is not None:  # reviewed as if decided a year ago less ten days: due now
        schedule_after_decision(payroll.vendor, payroll, today - timedelta(days=355))
