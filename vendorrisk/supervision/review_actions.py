"""The "review_actions" job: the owner of a management review's action (review_models.py)
hears a week before its due date and once when it is overdue, until it is closed; an
owner no longer active is replaced by the approvers (the privacy officers). The once-key
names the action, its due date and the step, so no reminder goes out twice."""

from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim_all
from vendorrisk.notifications.handoffs import active_with_role
from vendorrisk.notifications.services import notify_people
from vendorrisk.supervision.review_models import ActionStatus, ReviewAction

AHEAD = timedelta(days=7)


def _step(action: ReviewAction, today: date) -> str:
    return "due" if action.due_on >= today else "overdue"


def remind_review_actions(now: datetime) -> dict[str, int]:
    """Remind of the open actions due within a week or overdue; count each kind."""
    today = now.date()
    actions = db.session.scalars(
        select(ReviewAction).options(joinedload(ReviewAction.owner),
                                     joinedload(ReviewAction.review))
        .where(ReviewAction.status == ActionStatus.OPEN,
               ReviewAction.due_on <= today + AHEAD)
        .order_by(ReviewAction.due_on, ReviewAction.id)).all()
    keys = {f"review_action:{action.id}:{action.due_on}:{_step(action, today)}": action
            for action in actions}
    claimed = claim_all(list(keys), job="review_actions", now=now)
    counts = {"review_actions_due": 0, "review_actions_overdue": 0}
    base = current_app.config["BASE_URL"].rstrip("/")
    for key in claimed:
        action = keys[key]
        step = _step(action, today)
        people = [action.owner] if action.owner.active else active_with_role(Role.APPROVER)
        notify_people(f"review_action_{step}", people, now=now, template="review_action",
                      object_type="management_review", object_id=action.review_id,
                      context={"action": action, "step": step, "today": today,
                               "link": f"{base}/reports/management-reviews/"
                                       f"{action.review_id}#action-{action.id}"})
        counts[f"review_actions_{step}"] += 1
    return counts
