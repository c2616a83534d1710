"""The annual supervision summary, input to the management review (R20): the portfolio
as it stands, what supervision did in the fiscal year and what is late, audits of
consignees held and overdue, findings
opened and closed, exceptions, contracts ending within a year, and the changes made to
the selection standards. Counts come from GROUP BY queries; lists are short."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload

from vendorrisk.acceptance.models import ExceptionStatus, RiskException
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import State
from vendorrisk.contracts.queries import ContractFilters, ContractRow, register_rows
from vendorrisk.dashboard import figures
from vendorrisk.dashboard.queries import (
    Overdue,
    Unassessed,
    findings_by_severity,
    overdue,
    tier_by_status,
    unassessed,
)
from vendorrisk.foundation.clock import JAPAN
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.fiscal import fiscal_bounds, fiscal_year_of
from vendorrisk.incidents.models import Incident
from vendorrisk.incidents.vocabulary import IncidentStatus
from vendorrisk.requests.models import DataRequest
from vendorrisk.requests.vocabulary import RequestKind, RequestStatus
from vendorrisk.review.audit_models import VendorAudit
from vendorrisk.review.audit_programme import AuditDue
from vendorrisk.review.models import Finding, FindingEvent, FindingStatus
from vendorrisk.standards.governance_read import (
    approvals_between,
    assignment_groups,
    last_reviewed,
    reviews_between,
)
from vendorrisk.standards.models import (
    StandardApproval,
    StandardAssignment,
    StandardReview,
    StandardVersion,
)
from vendorrisk.supervision.audits_due import audits_due
from vendorrisk.vendors.models import Vendor

LIST_LIMIT = 50  # rows listed per section; the counts are always complete


@dataclass(frozen=True)
class AnnualSummary:
    year: int  # the fiscal year, named by the year it starts in
    first_day: date
    last_day: date
    today: date
    portfolio: dict[tuple[str, str], int]
    decided: dict[tuple[str, str], int]  # (kind, outcome) → assessments decided in the year
    opened_by_kind: dict[str, int]  # assessments started in the year, by kind
    reviews_overdue: Overdue
    reports_overdue: Overdue
    unassessed: Unassessed  # in use without a selection, as of today
    findings_opened: dict[str, int]  # by severity
    findings_closed: dict[str, int]
    findings_open_now: dict[str, int]
    findings_late_now: dict[str, int]
    exceptions_approved: list[RiskException]
    exceptions_expiring: list[RiskException]  # in force now, ending within 90 days
    contracts_ending: list[ContractRow]  # within a year from today
    standards: list[StandardVersion]  # versions loaded during the year
    incidents: "IncidentCounts"
    requests_by_kind: dict[RequestKind, int]  # individuals' requests received in the year
    requests_open_now: int
    governance: "StandardGovernance"
    audits_held: list[VendorAudit]  # audits of consignees held in the year
    audits_overdue: list[tuple[Vendor, AuditDue]]  # by the programme, as of today


@dataclass(frozen=True)
class StandardGovernance:
    """How the selection standards were governed (R3, R20): approvals and reviews made in
    the year, and each standard in force with when it was last reviewed."""

    approvals: list[StandardApproval]
    reviews: list[StandardReview]
    in_force: list[tuple[StandardAssignment, datetime | None]]  # with its last review


def _governance(start: datetime, end: datetime) -> StandardGovernance:
    in_force = [group.current for group in assignment_groups() if group.current]
    return StandardGovernance(
        approvals=approvals_between(start, end)[:LIST_LIMIT],
        reviews=reviews_between(start, end)[:LIST_LIMIT],
        in_force=[(assignment, last_reviewed(assignment)) for assignment in in_force])


@dataclass(frozen=True)
class IncidentCounts:
    """Consignee incidents the company learnt of in the year."""

    reported: int
    reportable: int
    preliminary_late: int  # reportable, preliminary report made late or not yet and due
    open_now: int  # of any year


def _start_month() -> int:
    return int(current_app.config["FISCAL_YEAR_START_MONTH"])


def this_fiscal_year(today: date) -> int:
    """The fiscal year ``today`` falls in (FISCAL_YEAR_START_MONTH)."""
    return fiscal_year_of(today, _start_month())


def recent_fiscal_years(today: date, count: int = 5) -> list[tuple[int, date, date]]:
    """This fiscal year and those before it, each with its first and last day."""
    this_year = this_fiscal_year(today)
    return [(year, first, after - timedelta(days=1))
            for year in range(this_year, this_year - count, -1)
            for first, after in [fiscal_bounds(year, _start_month())]]


def _bounds(year: int) -> tuple[datetime, datetime]:
    """The fiscal year's first moment and the next one's, in Japan time."""
    first, after = fiscal_bounds(year, _start_month())
    return (datetime.combine(first, time.min, JAPAN), datetime.combine(after, time.min, JAPAN))


def _counts(statement) -> dict:  # noqa: ANN001  (rows of (key..., count))
    found = {}
    for *key, count in db.session.execute(statement):
        values = tuple(getattr(part, "value", part) for part in key)
        found[values if len(values) > 1 else values[0]] = count
    return found


def _incident_counts(start: datetime, end: datetime, now: datetime) -> IncidentCounts:
    in_year = (Incident.aware_at >= start, Incident.aware_at < end)
    late = or_(Incident.preliminary_reported_at > Incident.preliminary_due,
               and_(Incident.preliminary_reported_at.is_(None), Incident.preliminary_due < now))

    def count(*where) -> int:  # noqa: ANN002
        return db.session.scalar(select(func.count()).select_from(Incident).where(*where))

    return IncidentCounts(
        reported=count(*in_year), reportable=count(*in_year, Incident.reportable.is_(True)),
        preliminary_late=count(*in_year, Incident.reportable.is_(True), late),
        open_now=count(Incident.status == IncidentStatus.OPEN))


def annual_summary(year: int, *, today: date, expiring_days: int) -> AnnualSummary:
    start, end = _bounds(year)
    in_year = (Assessment.decided_at >= start, Assessment.decided_at < end)
    closed = (select(Finding.severity, func.count(func.distinct(Finding.id)))
              .join(FindingEvent, FindingEvent.finding_id == Finding.id)
              .where(FindingEvent.status == FindingStatus.CLOSED, FindingEvent.at >= start,
                     FindingEvent.at < end).group_by(Finding.severity))
    open_now, late_now = findings_by_severity(today)
    contracts = [row for row in register_rows(ContractFilters(), today,
                                              expiring_days=expiring_days)
                 if row.ends_on and today <= row.ends_on <= today + timedelta(days=365)]
    return AnnualSummary(
        year=year, first_day=start.date(), last_day=end.date() - timedelta(days=1),
        today=today, portfolio=tier_by_status(),
        decided=_counts(select(Assessment.kind, Assessment.decision, func.count())
                        .where(Assessment.status == State.DECIDED, *in_year)
                        .group_by(Assessment.kind, Assessment.decision)),
        opened_by_kind=_counts(select(Assessment.kind, func.count())
                               .where(Assessment.created_at >= start,
                                      Assessment.created_at < end)
                               .group_by(Assessment.kind)),
        reviews_overdue=overdue(Vendor.next_review_on, today),
        reports_overdue=overdue(Vendor.next_report_on, today),
        unassessed=unassessed(),
        findings_opened=_counts(select(Finding.severity, func.count())
                                .where(Finding.created_at >= start, Finding.created_at < end)
                                .group_by(Finding.severity)),
        findings_closed=_counts(closed), findings_open_now=open_now,
        findings_late_now=late_now,
        exceptions_approved=list(db.session.scalars(
            select(RiskException).options(joinedload(RiskException.vendor))
            .where(RiskException.status == ExceptionStatus.APPROVED,
                   RiskException.decided_at >= start, RiskException.decided_at < end)
            .order_by(RiskException.decided_at).limit(LIST_LIMIT))),
        exceptions_expiring=list(db.session.scalars(
            select(RiskException).options(joinedload(RiskException.vendor))
            .where(RiskException.status == ExceptionStatus.APPROVED,
                   RiskException.expires_on >= today,
                   RiskException.expires_on <= today + timedelta(days=90))
            .order_by(RiskException.expires_on).limit(LIST_LIMIT))),
        contracts_ending=contracts[:LIST_LIMIT],
        standards=list(db.session.scalars(
            select(StandardVersion).options(joinedload(StandardVersion.loaded_by))
            .where(StandardVersion.loaded_at >= start, StandardVersion.loaded_at < end)
            .order_by(StandardVersion.loaded_at))),
        incidents=_incident_counts(start, end, datetime.combine(today, time.max, UTC)),
        requests_by_kind={RequestKind(kind): count for kind, count in _counts(
            select(DataRequest.kind, func.count())
            .where(DataRequest.received_on >= start.date(),
                   DataRequest.received_on < end.date())
            .group_by(DataRequest.kind)).items()},
        requests_open_now=db.session.scalar(
            select(func.count()).select_from(DataRequest)
            .where(DataRequest.status == RequestStatus.OPEN)),
        governance=_governance(start, end),
        audits_held=list(db.session.scalars(
            select(VendorAudit).options(joinedload(VendorAudit.vendor))
            .where(VendorAudit.held_on >= start.date(), VendorAudit.held_on < end.date())
            .order_by(VendorAudit.held_on, VendorAudit.id).limit(LIST_LIMIT))),
        audits_overdue=[(vendor, due) for vendor, due in audits_due(today)
                        if due.overdue(today)][:LIST_LIMIT],
    )



def summary_charts(summary: AnnualSummary) -> dict:
    """The dashboard's charts, over the summary's numbers (call in the report's locale)."""
    return {"portfolio_chart": figures.portfolio_chart(summary.portfolio),
            "findings_chart": figures.findings_chart(summary.findings_open_now),
            "tiers": figures.tiers(), "statuses": figures.statuses(),
            "severities": figures.severities()}
