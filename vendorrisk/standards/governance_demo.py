"""Demo governance: the demo approver approved the shipped standards and assigned them a
year ago; the selection standard's second edition replaced the first at its review, the
light one was kept, and the handling-status report's review is due (so the demo's first
sweep reminds the approvers). Loaded once: nothing happens when an approval exists."""

from datetime import datetime, timedelta

from sqlalchemy import select

from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.governance import (
    approve,
    assign,
    current_assignment,
    is_approved,
    record_review,
)
from vendorrisk.standards.models import StandardApproval, StandardVersion

NOTES = {
    ("consignee-selection", 1): "First selection standard for consignees (JIS Q 15001 "
                                "A.3.4.3.4), criteria D1–D11.",
    ("consignee-selection", 2): "Second edition: asks for the breach-notice time and the "
                                "deletion certificate; weights unchanged.",
}
# Days before the demo's day each standard was assigned (a year and a bit: reviewed by
# now, but the handling-status report's review is due and the confirmation's is not yet).
ASSIGNED_DAYS_AGO = {"handling_status_report": 370, "confirmation": 300}


def _versions() -> list[StandardVersion]:
    return list(db.session.scalars(select(StandardVersion).order_by(
        StandardVersion.slug, StandardVersion.version)))


def load_governance_demo(approver: User, *, now: datetime) -> None:
    """Approve every shipped version and assign the standards as told above."""
    if db.session.scalar(select(StandardApproval.id).where(
            StandardApproval.approved_by_id.is_not(None)).limit(1)):
        return
    year_ago = now - timedelta(days=400)
    versions = _versions()
    for version in versions:
        if not is_approved(version):
            when = now - timedelta(days=60) if version.version > 1 else year_ago
            approve(version, actor=approver, now=when, note=NOTES.get(
                (version.slug, version.version), "Adopted as shipped with vendorrisk."))
    for version in versions:
        if version.version != 1:
            continue
        assigned_at = now - timedelta(days=ASSIGNED_DAYS_AGO.get(version.use, 390))
        for tier in version.tiers:
            if current_assignment(version.use, tier, None) is None:
                assign(version, tier=tier, actor=approver, now=assigned_at,
                       reason="Our standard for this tier since the policy was adopted.",
                       review_by=(assigned_at + timedelta(days=365)).date())
    _reviews(approver, versions, now)


def _reviews(approver: User, versions: list[StandardVersion], now: datetime) -> None:
    """The selection standard replaced by its second edition; the light one kept."""
    newest = {version.slug: version for version in versions}
    replacement = newest.get("consignee-selection")
    for version in versions:
        for tier in version.tiers:
            assignment = current_assignment(version.use, tier, None)
            if assignment is None or assignment.version_id != version.id:
                continue
            if version.slug == "consignee-selection" and replacement is not version:
                record_review(assignment, actor=approver, outcome="replaced",
                              new_version=replacement, now=now - timedelta(days=20),
                              reason="The second edition asks what the first missed.")
            elif version.slug == "consignee-light":
                record_review(assignment, actor=approver, outcome="kept",
                              now=now - timedelta(days=18),
                              reason="Still fits the low-risk vendors; no change needed.")
