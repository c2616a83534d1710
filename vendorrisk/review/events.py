"""What the review tells the features above it (foundation/events.py)."""

from dataclasses import dataclass
from datetime import date

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import Outcome
from vendorrisk.vendors.models import Vendor


@dataclass(frozen=True)
class AssessmentDecided:
    """A decision was signed in full: the vendor's status follows ``outcome`` already;
    supervision sets (or, for a rejection, clears) the next review and report."""

    vendor: Vendor
    assessment: Assessment
    outcome: Outcome
    decided_on: date
