"""The "standard_reviews" job: when an assignment's review-by date comes, the approvers
are reminded once (standards/governance.py; JIS Q 15001 wants the selection standard
reviewed). The once-key names the assignment and its review-by date, so a rerun or a
second scheduler sends nothing twice, and a review that sets the next date reminds again
when that one comes."""

from datetime import datetime

from flask import current_app
from sqlalchemy import select

from vendorrisk.auth.models import Role, RoleGrant, User
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim_all
from vendorrisk.notifications.services import notify_people
from vendorrisk.standards.governance_labels import place_label
from vendorrisk.standards.governance_read import due_for_review
from vendorrisk.standards.models import StandardAssignment

PREFIX = "standard_review:"


def key(assignment: StandardAssignment) -> str:
    """The once-key of the reminder for ``assignment``'s current review-by date."""
    return f"{PREFIX}{assignment.id}:{assignment.review_by.isoformat()}"


def approvers() -> list[User]:
    """Every active approver: they keep the standards."""
    return list(db.session.scalars(select(User).where(
        User.active.is_(True), User.role_grants.any(RoleGrant.role == Role.APPROVER))
        .order_by(User.id)))


def remind_standard_reviews(now: datetime) -> dict[str, int]:
    """E-mail the approvers once about the assignments whose review is due today (one
    e-mail listing them all); count the assignments reminded of."""
    due = due_for_review(now.date())
    claimed = claim_all([key(item) for item in due], job="standard_reviews", now=now)
    fresh = [item for item in due if key(item) in claimed]
    if fresh:
        notify_people("standard_review_due", approvers(), now=now,
                      template="standard_review_due", object_type="standard_assignment",
                      object_id=fresh[0].id,
                      context={"assignments": fresh, "place_label": place_label,
                               "base_url": current_app.config["BASE_URL"].rstrip("/")})
    return {"standard_reviews_due": len(fresh)}
