"""A vendor's assessments as its page shows them: the history, the comparison of the two
latest submitted ones, expired exceptions and overdue findings."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.comparison import Comparison, compare, shown_answers
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import EDITABLE, State
from vendorrisk.foundation.extensions import db
from vendorrisk.review.exceptions import expired_exceptions
from vendorrisk.review.findings import awaiting_remediation
from vendorrisk.review.models import Finding
from vendorrisk.standards.definition import Definition
from vendorrisk.standards.services import definition_of
from vendorrisk.vendors.models import Vendor

HISTORY_LIMIT = 50


@dataclass
class VendorHistory:
    assessments: list[Assessment]
    latest: Assessment | None = None
    previous: Assessment | None = None
    comparison: Comparison | None = None
    expired_exceptions: list[RiskException] = field(default_factory=list)
    overdue_findings: list[Finding] = field(default_factory=list)

    @property
    def definition(self) -> Definition | None:
        """The latest assessment's standard, to name the compared questions and answers."""
        return definition_of(self.latest.standard_version) if self.latest else None


def vendor_history(vendor: Vendor, today: date) -> VendorHistory:
    assessments = list(db.session.scalars(
        select(Assessment).where(Assessment.vendor_id == vendor.id)
        .options(joinedload(Assessment.standard_version))  # the list shows each one's
        .order_by(Assessment.id.desc()).limit(HISTORY_LIMIT)))
    answered = [item for item in assessments if item.submitted_at is not None
                and item.status not in EDITABLE and item.status != State.CANCELLED]
    history = VendorHistory(assessments)
    if len(answered) >= 2:
        history.latest, history.previous = answered[0], answered[1]
        history.comparison = compare(shown_answers(history.previous.answers),
                                     shown_answers(history.latest.answers),
                                     percent_before=history.previous.score_percent,
                                     percent_after=history.latest.score_percent)
    history.expired_exceptions = expired_exceptions(vendor, today)
    history.overdue_findings = list(db.session.scalars(select(Finding).where(
        Finding.vendor_id == vendor.id, Finding.due_on < today, awaiting_remediation())
        .order_by(Finding.due_on)))
    return history
