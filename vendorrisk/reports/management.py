"""Recording a management review (review_models.py) and closing its actions. Every
refusal of a review's inputs is collected, so the form shows them all at once; nothing
is stored unless all of it is right."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from vendorrisk.audit.services import Actor, record
from vendorrisk.auth.models import User
from vendorrisk.foundation.clock import people_today
from vendorrisk.foundation.errors import PermissionDenied, Problems, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.reports.models import ReportKind, ReportRun, RunStatus
from vendorrisk.supervision.review_models import ActionStatus, ManagementReview, ReviewAction

TEXT_LIMIT = 20_000


@dataclass(frozen=True)
class ActionInput:
    description: str
    owner_id: int | None
    due_on: date | None

    @property
    def blank(self) -> bool:
        return not (self.description.strip() or self.owner_id or self.due_on)


@dataclass(frozen=True)
class ReviewInput:
    fiscal_year: int | None
    held_on: date | None
    participants: str
    summary_run_id: int | None
    other_inputs: str
    decisions: str
    actions: tuple[ActionInput, ...] = ()


def ready_summaries() -> list[ReportRun]:
    """Annual summaries made and stored, newest first: what a review can have read."""
    return list(db.session.scalars(
        select(ReportRun).where(ReportRun.kind == ReportKind.SUMMARY,
                                ReportRun.status == RunStatus.READY)
        .order_by(ReportRun.id.desc()).limit(50)))


def _summary(data: ReviewInput, problems: Problems) -> ReportRun | None:
    run = db.session.get(ReportRun, data.summary_run_id) if data.summary_run_id else None
    if (run is None or run.kind != ReportKind.SUMMARY or run.status != RunStatus.READY
            or not storage().exists(run.file_sha256 or "")):
        problems.add(_("Choose the annual summary the review read (make it on the Reports "
                       "page if it is not offered)."), "summary_run_id")
        return None
    if data.fiscal_year is not None and int(run.params.get("year", 0)) != data.fiscal_year:
        problems.add(_("The summary chosen is of fiscal year %(chosen)s, not of %(year)s.",
                       chosen=run.params.get("year"), year=data.fiscal_year),
                     "summary_run_id")
    return run


def _actions(data: ReviewInput, problems: Problems) -> list[ReviewAction]:
    actions = []
    for number, item in enumerate(data.actions, start=1):
        if item.blank:
            continue
        owner = db.session.get(User, item.owner_id) if item.owner_id else None
        if not item.description.strip():
            problems.add(_("Action %(number)d: say what is to be done.", number=number))
        if owner is None or not owner.active:
            problems.add(_("Action %(number)d: choose an active user as its owner.",
                           number=number))
        if item.due_on is None or (data.held_on and item.due_on < data.held_on):
            problems.add(_("Action %(number)d: give a due date on or after the review.",
                           number=number))
        actions.append(ReviewAction(description=item.description.strip()[:TEXT_LIMIT],
                                    owner=owner, due_on=item.due_on,
                                    status=ActionStatus.OPEN))
    return actions


def _follow_up(held_on: date) -> list[dict]:
    """Earlier reviews' actions as they stand: every one still open, and those closed
    since the previous review."""
    previous = db.session.scalar(select(ManagementReview).where(
        ManagementReview.held_on <= held_on).order_by(ManagementReview.held_on.desc(),
                                                       ManagementReview.id.desc()).limit(1))
    if previous is None:
        return []
    actions = db.session.scalars(
        select(ReviewAction).join(ReviewAction.review)
        .options(joinedload(ReviewAction.owner))
        .where(ManagementReview.held_on <= held_on,
               or_(ReviewAction.status == ActionStatus.OPEN,
                   ReviewAction.closed_at >= previous.created_at))
        .order_by(ReviewAction.due_on, ReviewAction.id))
    return [{"action_id": action.id, "review_id": action.review_id,
             "description": action.description, "owner": action.owner.name,
             "due_on": action.due_on.isoformat(), "status": action.status.value,
             "closed_on": action.closed_at.date().isoformat() if action.closed_at else None,
             "note": action.closing_note} for action in actions]


def record_review(data: ReviewInput, *, actor: Actor, now: datetime) -> ManagementReview:
    """Store the review with its actions and the follow-up of earlier ones."""
    problems = Problems()
    if data.held_on is None or data.held_on > people_today(now):
        problems.add(_("Give the day the review was held (not a day still to come)."),
                     "held_on")
    if data.fiscal_year is None:
        problems.add(_("Choose the fiscal year the review looked at."), "fiscal_year")
    participants = problems.text(data.participants, "participants", _("Name who took part."),
                                 TEXT_LIMIT)
    decisions = problems.text(data.decisions, "decisions",
                              _("Record what the review decided."), TEXT_LIMIT)
    other = data.other_inputs.strip()[:TEXT_LIMIT]
    summary = _summary(data, problems)
    actions = _actions(data, problems)
    problems.raise_any()
    review = ManagementReview(
        fiscal_year=data.fiscal_year, held_on=data.held_on, participants=participants,
        summary_run_id=summary.id, summary_sha256=summary.file_sha256,
        summary_filename=summary.filename, other_inputs=other, decisions=decisions,
        follow_up=_follow_up(data.held_on), recorded_by_id=actor.id, created_at=now,
        actions=actions)
    db.session.add(review)
    db.session.flush()
    record("management_review.recorded", actor=actor, object_type="management_review",
           object_id=review.id, now=now,
           details={"fiscal_year": review.fiscal_year, "held_on": review.held_on.isoformat(),
                    "summary_sha256": review.summary_sha256, "actions": len(actions),
                    "followed_up": len(review.follow_up)})
    return review


def close_action(action: ReviewAction, note: str, *, actor: Actor, may_close: bool,
                 now: datetime) -> None:
    """Mark ``action`` done with what was done; its owner or a recorder of reviews."""
    if not (may_close or action.owner_id == actor.id):
        raise PermissionDenied(_("Only the action's owner or a privacy officer closes it."))
    if action.status == ActionStatus.DONE:
        raise ValidationError(_("This action is already closed."))
    text = note.strip()
    if not text:
        raise ValidationError(_("Say what was done."), field="note")
    action.status, action.closed_at = ActionStatus.DONE, now
    action.closed_by_id, action.closing_note = actor.id, text[:TEXT_LIMIT]
    record("management_review.action_closed", actor=actor, object_type="management_review",
           object_id=action.review_id, now=now,
           details={"action": action.id, "note": action.closing_note})


def open_actions() -> list[ReviewAction]:
    """Every action not yet closed, earliest due first."""
    return list(db.session.scalars(
        select(ReviewAction).options(joinedload(ReviewAction.owner))
        .where(ReviewAction.status == ActionStatus.OPEN)
        .order_by(ReviewAction.due_on, ReviewAction.id)))
