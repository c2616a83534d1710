"""A management review's actions remind their owners (issue 25, R20): a week before the
due date and once overdue, each once over a simulated year, never after the action is
closed; an owner who has left is replaced by the privacy officers."""

from datetime import UTC, date, datetime, timedelta

import time_machine
from sqlalchemy import select

from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db
from vendorrisk.supervision.review_models import ActionStatus, ManagementReview, ReviewAction
from vendorrisk.supervision.runner import run_job

START = date(2027, 4, 1)


def _review(owner_ids: list[int], recorder_id: int, due: list[date]) -> list[int]:
    review = ManagementReview(
        fiscal_year=2026, held_on=START, participants="CEO", summary_sha256="0" * 64,
        summary_filename="supervision-summary-2026-ja.pdf", other_inputs="",
        decisions="Act.", follow_up=[], recorded_by_id=recorder_id,
        created_at=datetime(2027, 4, 1, tzinfo=UTC),
        actions=[ReviewAction(description=f"Task {n}", owner_id=owner, due_on=day,
                              status=ActionStatus.OPEN)
                 for n, (owner, day) in enumerate(zip(owner_ids, due, strict=True))])
    db.session.add(review)
    db.session.commit()
    return [action.id for action in review.actions]


def test_each_action_is_reminded_due_and_overdue_once_over_a_year(
        app, make_user, smtp_server):
    owner = make_user(Role.PROCUREMENT, email="owner@example.com")
    leaver = make_user(Role.REVIEWER, email="leaver@example.com")
    officer = make_user(Role.APPROVER, email="officer@example.com")
    with app.app_context():
        first, closed_early, orphan = _review(
            [owner.id, owner.id, leaver.id], officer.id,
            [date(2027, 6, 30), date(2027, 9, 30), date(2027, 12, 15)])
        db.session.get(User, leaver.id).active = False
        db.session.commit()
        counts = {}
        for offset in range(366):
            day = START + timedelta(days=offset)
            now = datetime(day.year, day.month, day.day, 6, 0, tzinfo=UTC)
            with time_machine.travel(now, tick=False):
                if day == date(2027, 9, 1):  # closed a month before its due date
                    action = db.session.get(ReviewAction, closed_early)
                    action.status, action.closed_at = ActionStatus.DONE, now
                    action.closing_note = "Done early."
                    db.session.commit()
                ran = run_job("review_actions", now).counts
                run_job("outbox", now)
            if any(ran.values()):
                counts[day] = ran
    assert counts == {
        date(2027, 6, 23): {"review_actions_due": 1, "review_actions_overdue": 0},
        date(2027, 7, 1): {"review_actions_due": 0, "review_actions_overdue": 1},
        date(2027, 12, 8): {"review_actions_due": 1, "review_actions_overdue": 0},
        date(2027, 12, 16): {"review_actions_due": 0, "review_actions_overdue": 1}}
    subjects = [(m["To"], m["Subject"]) for m in smtp_server.messages]
    assert subjects == [
        (owner.email, "A management review action is due on 2027-06-30"),
        (owner.email, "A management review action was due on 2027-06-30"),
        (officer.email, "A management review action is due on 2027-12-15"),
        (officer.email, "A management review action was due on 2027-12-15")]
    body = smtp_server.messages[0].get_body(("plain",)).get_content()
    assert "Task 0" in body
    assert f"/reports/management-reviews/1#action-{first}" in body
    with app.app_context():
        assert db.session.scalar(select(ReviewAction.status).where(
            ReviewAction.id == orphan)) == ActionStatus.OPEN
