"""The dashboard's numbers: a few GROUP BY counts and short lists, so the home page costs
the same at 100 vendors as at 100,000."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.overdue import questionnaire_overdue
from vendorrisk.assessments.workflow import State
from vendorrisk.audit.models import AuditEvent
from vendorrisk.contracts.queries import ContractFilters, ContractRow, register_rows
from vendorrisk.contracts.status import ContractStatus
from vendorrisk.foundation.extensions import db
from vendorrisk.review.findings import awaiting_remediation
from vendorrisk.review.models import Finding
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import SUPERVISED, UNASSESSED

LISTED = 8  # rows in each short list; the full list is one link away


@dataclass(frozen=True)
class Overdue:
    """Vendors, questionnaires or findings past a date: how many, and the longest
    overdue first with the date each was due."""

    count: int
    oldest: list[tuple[Any, date]]


def tier_by_status() -> dict[tuple[str, str], int]:
    rows = db.session.execute(select(Vendor.tier, Vendor.status, func.count())
                              .group_by(Vendor.tier, Vendor.status))
    return {(tier.value, status.value): count for tier, status, count in rows}


def residual_by_tier() -> dict[tuple[str, str], int]:
    """Vendors by inherent tier and the residual risk of their latest decided assessment
    ("none" when nothing is decided yet, or the decision carried no risk)."""
    latest = (select(func.max(Assessment.id).label("id"))
              .where(Assessment.status == State.DECIDED)
              .group_by(Assessment.vendor_id).subquery())
    decided = (select(Assessment.vendor_id, Assessment.residual_risk)
               .join(latest, latest.c.id == Assessment.id).subquery())
    rows = db.session.execute(
        select(Vendor.tier, decided.c.residual_risk, func.count())
        .outerjoin(decided, decided.c.vendor_id == Vendor.id)
        .where(Vendor.status.in_(SUPERVISED))
        .group_by(Vendor.tier, decided.c.residual_risk))
    return {(tier.value, risk or "none"): count for tier, risk, count in rows}


def overdue(column, today: date) -> Overdue:  # noqa: ANN001  (a Vendor date column)
    condition = (Vendor.status.in_(SUPERVISED), column < today)
    count = db.session.scalar(select(func.count()).select_from(Vendor).where(*condition))
    oldest = db.session.execute(select(Vendor, column).where(*condition)
                                .order_by(column, Vendor.id).limit(LISTED)).tuples().all()
    return Overdue(count=count or 0, oldest=list(oldest))


def _overdue(model, due, conditions: list) -> Overdue:  # noqa: ANN001  (a model, its column)
    count = db.session.scalar(select(func.count()).select_from(model).where(*conditions))
    oldest = db.session.scalars(select(model).options(joinedload(model.vendor))
                                .where(*conditions).order_by(due, model.id).limit(LISTED))
    return Overdue(count=count or 0, oldest=[(row, getattr(row, due.key)) for row in oldest])


def overdue_questionnaires(today: date) -> Overdue:
    """Questionnaires sent and not submitted by their due date (the assessments list's
    ?overdue=1)."""
    return _overdue(Assessment, Assessment.due_on, questionnaire_overdue(today))


def overdue_findings(today: date) -> Overdue:
    """Findings awaiting remediation past their due date (the findings queue's
    ?overdue=1)."""
    return _overdue(Finding, Finding.due_on, [awaiting_remediation(), Finding.due_on < today])


@dataclass(frozen=True)
class Unassessed:
    """Vendors in use without a selection (a gap): how many, by tier, and the longest
    registered first with the day they were registered."""

    count: int
    by_tier: dict[str, int]
    oldest: list[tuple[Vendor, date]]


def unassessed() -> Unassessed:
    """The vendors "in use — not yet assessed", counted like the overdue ones."""
    by_tier = {tier.value: count for tier, count in db.session.execute(
        select(Vendor.tier, func.count()).where(Vendor.status.in_(UNASSESSED))
        .group_by(Vendor.tier))}
    oldest = db.session.scalars(select(Vendor).where(Vendor.status.in_(UNASSESSED))
                                .order_by(Vendor.created_at, Vendor.id).limit(LISTED))
    return Unassessed(count=sum(by_tier.values()), by_tier=by_tier,
                      oldest=[(vendor, vendor.created_at.date()) for vendor in oldest])


def expiring_contracts(today: date, expiring_days: int) -> list[ContractRow]:
    return register_rows(ContractFilters(status=ContractStatus.EXPIRING.value), today,
                         expiring_days=expiring_days)


def findings_by_severity(today: date) -> tuple[dict[str, int], dict[str, int]]:
    """Open findings per severity, and how many of each are overdue."""
    def counts(*conditions) -> dict[str, int]:  # noqa: ANN002
        return {severity.value: count for severity, count in db.session.execute(
            select(Finding.severity, func.count())
            .where(awaiting_remediation(), *conditions).group_by(Finding.severity))}
    # Two plain GROUP BYs: grouping by "due_on < :today" as well is refused by
    # PostgreSQL (the select list and the GROUP BY each get their own parameter).
    return counts(), counts(Finding.due_on < today)


def recent_activity(actor_id: int | None, limit: int = 10) -> list[AuditEvent]:
    """The latest audit events: everyone's for ``actor_id=None``, else one user's."""
    statement = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if actor_id is not None:
        statement = statement.where(AuditEvent.actor_id == actor_id)
    return list(db.session.scalars(statement))
