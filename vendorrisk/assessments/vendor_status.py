"""The vendor's status as its selection assessment is sent or cancelled (the rule is
vendors/statuses.py status_after_selection), audited like every status change."""

from datetime import datetime

from sqlalchemy import func, select

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.assessments.workflow import Event, State
from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.statuses import status_after_selection
from vendorrisk.vendors.vocabulary import VendorStatus

ACTIONS = {VendorStatus.UNDER_ASSESSMENT: "vendor.assessment_started",
           VendorStatus.PROSPECT: "vendor.assessment_withdrawn"}
# A selection still under way: sent and not yet decided or cancelled.
_UNDER_WAY = [state for state in State
              if state not in (State.DRAFT, State.DECIDED, State.CANCELLED)]


def _other_selection_open(assessment: Assessment) -> bool:
    return bool(db.session.scalar(select(func.count(Assessment.id)).where(
        Assessment.vendor_id == assessment.vendor_id, Assessment.id != assessment.id,
        Assessment.kind == AssessmentKind.SELECTION, Assessment.status.in_(_UNDER_WAY))))


def follow_selection(assessment: Assessment, event: Event, *, actor: User | None,
                     actor_label: str | None, now: datetime) -> None:
    """Give the vendor the status ``event`` on its selection assessment calls for."""
    if assessment.kind != AssessmentKind.SELECTION or event not in (Event.SEND, Event.CANCEL):
        return
    vendor = assessment.vendor
    other = event == Event.CANCEL and _other_selection_open(assessment)
    after = status_after_selection(vendor.status, event.value, other_selection_open=other)
    if after is None:
        return
    before, vendor.status, vendor.updated_at = vendor.status, after, now
    record(ACTIONS[after], actor=actor, actor_label=actor_label, object_type="vendor",
           object_id=vendor.id, now=now,
           details={"assessment_id": assessment.id, "from": before.value, "to": after.value})
