"""Three years of simulated days for a mixed portfolio: which reviews, reports, reminders
and escalations the daily jobs create, and when — and that running each day twice
changes nothing.

The vendors: a tier 1 that answers within 5 days, a tier 2 within 12, a tier 3 that
answers 24 days after being asked (10 days late: reminded, escalated), and a tier 1 with
no contact (nothing can be sent; nothing is claimed). Reports are answered in 3 days. An
answer is "signed" on the day it comes, which sets the next review from the cadence.
"""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests.supervision.conftest import approved_vendor, at, load_standards
from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.assessments.workflow import EDITABLE, State
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import Mark
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.supervision.runner import DAILY, JOBS
from vendorrisk.supervision.schedule import schedule_after_decision

START = date(2027, 1, 4)
DAYS = 3 * 365
ANSWERS_AFTER = {"Tier1": 5, "Tier2": 12, "Tier3": 24}
REPORT_ANSWERED_AFTER = 3


def _answer_due(today: date) -> None:
    """The vendors answer (and the answers are signed) after their usual delay."""
    for assessment in db.session.scalars(select(Assessment).where(
            Assessment.status.in_(EDITABLE))):
        delay = (REPORT_ANSWERED_AFTER if assessment.kind == AssessmentKind.HANDLING_STATUS_REPORT
                 else ANSWERS_AFTER[assessment.vendor.legal_name])
        if (today - assessment.created_at.date()).days >= delay:
            assessment.status, assessment.decided_at = State.DECIDED, at(today, 12)
            schedule_after_decision(assessment.vendor, assessment, today)
    db.session.commit()


def _state() -> tuple[int, int, int]:
    return tuple(db.session.scalar(select(func.count()).select_from(model))
                 for model in (Assessment, OutboxMessage, Mark))


def _run_day(today: date) -> None:
    for name in DAILY:
        JOBS[name](at(today))
        db.session.commit()


def test_three_years_of_daily_jobs(app, make_user):
    make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(START)
        for name, tier in (("Tier1", "1"), ("Tier2", "2"), ("Tier3", "3")):
            approved_vendor(name, tier, START)
        approved_vendor("Mute", "1", START, contact=False)
        db.session.commit()
        for offset in range(DAYS):
            today = START + timedelta(days=offset)
            _run_day(today)
            before = _state()
            _run_day(today)  # the same day again: nothing new
            assert _state() == before, today
            _answer_due(today)
        created = [(a.vendor.legal_name, a.kind.value, a.created_at.date().isoformat(),
                    a.due_on.isoformat())
                   for a in db.session.scalars(select(Assessment).order_by(Assessment.id))]
        reminders = []
        for key, when in db.session.execute(select(Mark.key, Mark.created_at)
                                            .order_by(Mark.id)):
            kind, assessment_id, *rest = key.split(":", 3)
            if kind in {"remind", "escalate"}:
                assessment = db.session.get(Assessment, int(assessment_id))
                reminders.append((assessment.vendor.legal_name, assessment.due_on.isoformat(),
                                  rest[1] if kind == "remind" else "escalation",
                                  when.date().isoformat()))
        escalations = db.session.execute(select(OutboxMessage.recipient, OutboxMessage.subject)
                                         .where(OutboxMessage.kind == "supervision_notice")
                                         ).all()
        reminded = db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.kind == "reminder"))
    assert created == EXPECTED_ASSESSMENTS
    assert sorted(reminders, key=_by_due_vendor_day) == EXPECTED_REMINDERS
    assert reminded == len([r for r in EXPECTED_REMINDERS if r[2] != "escalation"])
    assert [tuple(row) for row in escalations] == [
        ("buyer@example.com", "Tier3: the questionnaire is 7 days overdue")] * 2


def _by_due_vendor_day(row: tuple[str, str, str, str]) -> tuple[str, str, str]:
    return row[1], row[0], row[3]


# (vendor, kind, created on, due on)
EXPECTED_ASSESSMENTS = [
    ("Tier1", "selection", "2027-01-04", "2027-01-05"),  # the portfolio's starting point
    ("Tier2", "selection", "2027-01-04", "2027-01-05"),
    ("Tier3", "selection", "2027-01-04", "2027-01-05"),
    # tier 1 reports every 6 months, 14 days ahead of the date
    ("Tier1", "handling_status_report", "2027-06-20", "2027-07-04"),
    # a year after the decision: tier 1 full, tiers 2 and 3 the yearly confirmation
    ("Tier1", "periodic", "2027-12-21", "2028-01-04"),
    ("Tier2", "confirmation", "2027-12-21", "2028-01-04"),
    ("Tier3", "confirmation", "2027-12-21", "2028-01-04"),
    ("Tier1", "handling_status_report", "2027-12-21", "2028-01-04"),
    ("Tier2", "handling_status_report", "2027-12-21", "2028-01-04"),  # tier 2: yearly
    ("Tier1", "handling_status_report", "2028-06-20", "2028-07-04"),
    # each next review counts from the day the last one was signed
    ("Tier1", "periodic", "2028-12-12", "2028-12-26"),  # signed 2027-12-26
    ("Tier2", "periodic", "2028-12-19", "2029-01-02"),  # signed 2028-01-02; 2 years: full
    ("Tier1", "handling_status_report", "2028-12-21", "2029-01-04"),
    ("Tier2", "handling_status_report", "2028-12-21", "2029-01-04"),
    ("Tier3", "confirmation", "2028-12-31", "2029-01-14"),  # signed late, 2028-01-14
    ("Tier1", "handling_status_report", "2029-06-20", "2029-07-04"),
    ("Tier1", "periodic", "2029-12-03", "2029-12-17"),
    ("Tier2", "confirmation", "2029-12-17", "2029-12-31"),
    ("Tier1", "handling_status_report", "2029-12-21", "2030-01-04"),
    ("Tier2", "handling_status_report", "2029-12-21", "2030-01-04"),
]
# (vendor, due on, step, day): before the due date 7, 3, 1 days; after it every 3 days;
# escalation at 7 days overdue. Tier 1 answers before any; reports within 3 days.
EXPECTED_REMINDERS = [
    ("Tier2", "2028-01-04", "before:7", "2027-12-28"),
    ("Tier2", "2028-01-04", "before:3", "2028-01-01"),
    ("Tier3", "2028-01-04", "before:7", "2027-12-28"),
    ("Tier3", "2028-01-04", "before:3", "2028-01-01"),
    ("Tier3", "2028-01-04", "before:1", "2028-01-03"),
    ("Tier3", "2028-01-04", "after:1", "2028-01-07"),
    ("Tier3", "2028-01-04", "after:2", "2028-01-10"),
    ("Tier3", "2028-01-04", "escalation", "2028-01-11"),
    ("Tier3", "2028-01-04", "after:3", "2028-01-13"),
    ("Tier2", "2029-01-02", "before:7", "2028-12-26"),
    ("Tier2", "2029-01-02", "before:3", "2028-12-30"),
    ("Tier3", "2029-01-14", "before:7", "2029-01-07"),
    ("Tier3", "2029-01-14", "before:3", "2029-01-11"),
    ("Tier3", "2029-01-14", "before:1", "2029-01-13"),
    ("Tier3", "2029-01-14", "after:1", "2029-01-17"),
    ("Tier3", "2029-01-14", "after:2", "2029-01-20"),
    ("Tier3", "2029-01-14", "escalation", "2029-01-21"),
    ("Tier3", "2029-01-14", "after:3", "2029-01-23"),
    ("Tier2", "2029-12-31", "before:7", "2029-12-24"),
    ("Tier2", "2029-12-31", "before:3", "2029-12-28"),
]
