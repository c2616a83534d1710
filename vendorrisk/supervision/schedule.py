"""Setting a vendor's next review and next handling-status report from its cadence
(docs/rules.md) when a decision is signed (the review's AssessmentDecided event, subscribed
in create_app). The caller flushes and audits."""

from datetime import date

from sqlalchemy import func, select

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.assessments.workflow import Outcome, State
from vendorrisk.foundation.extensions import db
from vendorrisk.review.events import AssessmentDecided
from vendorrisk.supervision.cadence import next_report_on, next_review_on, review_kind
from vendorrisk.vendors.models import Vendor

# Assessments that count as a full (re)assessment for the cadence.
FULL_KINDS = frozenset({AssessmentKind.SELECTION, AssessmentKind.PERIODIC,
                        AssessmentKind.TRIGGERED})


def last_full_on(vendor: Vendor) -> date | None:
    """When the vendor's last full assessment was decided."""
    decided = db.session.scalar(select(func.max(Assessment.decided_at)).where(
        Assessment.vendor_id == vendor.id, Assessment.status == State.DECIDED,
        Assessment.kind.in_(FULL_KINDS)))
    return decided.date() if decided else None


def schedule_after_decision(vendor: Vendor, assessment: Assessment, decided_on: date) -> None:
    """The next review (its date and whether it is a full one) and, if the tier asks for
    them, the next handling-status report."""
    if assessment.kind == AssessmentKind.HANDLING_STATUS_REPORT:
        return  # a report does not move the reviews; the report job moves the reports
    full_on = decided_on if assessment.kind in FULL_KINDS else last_full_on(vendor)
    vendor.next_review_on = next_review_on(assessment.tier, decided_on)
    vendor.next_review_kind = vendor.next_review_on and review_kind(
        assessment.tier, vendor.next_review_on, full_on)
    if vendor.next_report_on is None:
        vendor.next_report_on = next_report_on(assessment.tier, decided_on)


def on_assessment_decided(event: AssessmentDecided) -> None:
    """A rejection ends the vendor's schedule; any other decision sets the next dates."""
    vendor = event.vendor
    if event.outcome == Outcome.REJECT:
        vendor.next_review_on = vendor.next_review_kind = vendor.next_report_on = None
    else:
        schedule_after_decision(vendor, event.assessment, event.decided_on)
