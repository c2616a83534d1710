"""What the supervision page shows: upcoming reviews and reports, overdue work by age,
and what the scheduler did."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import EDITABLE
from vendorrisk.contracts.models import OPEN as OPEN_TERMINATIONS
from vendorrisk.contracts.models import Termination
from vendorrisk.foundation.extensions import db
from vendorrisk.review.findings import awaiting_remediation
from vendorrisk.review.models import Finding
from vendorrisk.supervision.models import JobRun
from vendorrisk.vendors.models import Vendor

UPCOMING_DAYS = 90
LIMIT = 200
# Overdue work is grouped by how late it is.
AGE_BANDS = ((1, 7), (8, 30), (31, None))


@dataclass(frozen=True)
class Upcoming:
    day: date
    vendor: Vendor
    what: str  # "periodic", "confirmation" or "handling_status_report"


@dataclass(frozen=True)
class Overdue:
    days: int
    vendor: Vendor
    what: str  # "questionnaire", "finding", "deletion_certificate"
    link: tuple[str, dict[str, int]]  # endpoint and its arguments


def upcoming(today: date) -> list[Upcoming]:
    """Reviews and reports falling due within the next 90 days, soonest first."""
    until = today + timedelta(days=UPCOMING_DAYS)
    reviews = db.session.scalars(select(Vendor).where(
        Vendor.next_review_on.between(today, until)).order_by(Vendor.next_review_on)
        .limit(LIMIT))
    reports = db.session.scalars(select(Vendor).where(
        Vendor.next_report_on.between(today, until)).order_by(Vendor.next_report_on)
        .limit(LIMIT))
    items = [Upcoming(v.next_review_on, v, v.next_review_kind or "periodic") for v in reviews]
    items += [Upcoming(v.next_report_on, v, "handling_status_report") for v in reports]
    return sorted(items, key=lambda item: (item.day, item.vendor.legal_name))[:LIMIT]


def overdue(today: date) -> list[Overdue]:
    """Late questionnaires, remediations and deletion certificates, the latest first."""
    items = [Overdue((today - a.due_on).days, a.vendor, "questionnaire",
                     ("assessments.show", {"assessment_id": a.id}))
             for a in db.session.scalars(select(Assessment).where(
                 Assessment.status.in_(EDITABLE), Assessment.due_on < today)
                 .options(selectinload(Assessment.vendor)).limit(LIMIT))]
    findings = db.session.scalars(select(Finding).where(
        awaiting_remediation(), Finding.due_on < today).limit(LIMIT)).all()
    vendors = {v.id: v for v in db.session.scalars(select(Vendor).where(
        Vendor.id.in_({f.vendor_id for f in findings})))}
    items += [Overdue((today - f.due_on).days, vendors[f.vendor_id], "finding",
                      ("assessments.show", {"assessment_id": f.assessment_id}))
              for f in findings]
    items += [Overdue((today - t.due_on).days, t.vendor, "deletion_certificate",
                      ("contracts.termination", {"termination_id": t.id}))
              for t in db.session.scalars(select(Termination).where(
                  Termination.status.in_(OPEN_TERMINATIONS), Termination.due_on < today)
                  .limit(LIMIT))]
    return sorted(items, key=lambda item: -item.days)


def by_age(items: list[Overdue]) -> list[tuple[tuple[int, int | None], list[Overdue]]]:
    return [((low, high), [item for item in items
                           if item.days >= low and (high is None or item.days <= high)])
            for low, high in AGE_BANDS]


def recent_runs(limit: int = 50) -> list[JobRun]:
    return list(db.session.scalars(select(JobRun).order_by(JobRun.id.desc()).limit(limit)))
