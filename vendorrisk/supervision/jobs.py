"""The scheduler's jobs for reviews, reports and reminders (notices.py and triggers.py
hold the others; runner.py lists them all). Each is a plain function of ``now``
returning what it counted; runner.py wraps it in one transaction and records the run.
Every effect is claimed by a unique key first (ledger.claim), so running a job twice,
catching up after downtime or two schedulers at once never do anything twice.

Work the job cannot do yet (no contact to send to, no standard loaded) is counted and
not claimed: the next run tries again.
"""

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.assessments.profile import vendor_profiles
from vendorrisk.assessments.services import (
    create_assessment,
    propose_version,
    remind,
    send_assessment,
)
from vendorrisk.assessments.workflow import EDITABLE, FINAL, State
from vendorrisk.contracts.models import OPEN as OPEN_TERMINATIONS
from vendorrisk.contracts.models import Termination
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim, claim_all
from vendorrisk.notifications.services import deliver_pending
from vendorrisk.supervision.cadence import FULL, next_report_on
from vendorrisk.supervision.notices import notify_staff
from vendorrisk.supervision.steps import escalation_due, reminder_step
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import SUPERVISED

Job = Callable[[datetime], dict[str, int]]
BATCH = 500  # rows held in memory at once, whatever the portfolio's size


def _days(name: str) -> int:
    return int(current_app.config[name])


def deliver_outbox(now: datetime) -> dict[str, int]:
    """Send what the outbox holds, retrying with backoff (notifications.services)."""
    report = deliver_pending(now, limit=1000)
    return {"delivered": report.delivered, "retrying": report.retrying,
            "failed": report.failed}


def _supervised(column, until: date):  # noqa: ANN001, ANN202
    """Supervised vendors whose ``column`` date falls by ``until``, with their contacts;
    not those whose relationship is ending (their termination is open)."""
    ending = select(Termination.id).where(Termination.vendor_id == Vendor.id,
                                          Termination.status.in_(OPEN_TERMINATIONS))
    return (select(Vendor).where(Vendor.status.in_(SUPERVISED), column <= until,
                                 ~ending.exists())
            # what a questionnaire is sent to, and the profile it freezes
            .options(selectinload(Vendor.contacts), selectinload(Vendor.category_rows),
                     selectinload(Vendor.country_rows), selectinload(Vendor.sub_consignments))
            .order_by(Vendor.id)
            .execution_options(yield_per=BATCH))


# A questionnaire under way: not finished, and not a handling-status report.
_OPEN = (Assessment.status.not_in(FINAL | {State.EXPIRED}),
         Assessment.kind != AssessmentKind.HANDLING_STATUS_REPORT)


def open_assessment(vendor: Vendor, *, ignore: int | None = None) -> bool:
    """Whether a questionnaire is under way for ``vendor`` (other than ``ignore``)."""
    return db.session.scalar(select(Assessment.id).where(
        Assessment.vendor_id == vendor.id, *_OPEN, Assessment.id != (ignore or 0))
        .limit(1)) is not None


def _under_way(review_by: date) -> set[int]:
    """The vendors whose review falls by ``review_by`` and who have a questionnaire under
    way: one query for the day, not one per vendor."""
    return set(db.session.scalars(select(Assessment.vendor_id).join(Vendor).where(
        Vendor.next_review_on <= review_by, *_OPEN).distinct()))


def start(vendor: Vendor, kind: str, due_on: date, key: str, now: datetime,
          counts: Counter) -> str:
    """Create and send ``kind`` to the vendor's primary contact, once per ``key``; say
    whether it was "sent" now, "done" before, or "skipped" (to try again next run)."""
    # One vendor, perhaps changed in this transaction: its profile is read from the
    # object (vendor_profile), a change not yet flushed included.
    return start_all([(vendor, kind, due_on, key)], now, counts,
                     together=False).get(vendor.id, "skipped")


def start_all(planned: list[tuple[Vendor, str, date, str]], now: datetime,
              counts: Counter, *, together: bool = True) -> dict[int, str]:
    """:func:`start` for a batch of (vendor, kind, due date, once-key): the keys claimed
    in one statement and, ``together``, the vendors' profiles read at once (the daily
    sweep's vendors, unchanged in its transaction). Vendor id → "sent" or "done"; a
    vendor left out was skipped."""
    ready = []
    for vendor, kind, due_on, key in planned:
        contact = vendor.primary_contact or (vendor.contacts[0] if vendor.contacts else None)
        if contact is None or propose_version(vendor, AssessmentKind(kind)) is None:
            counts["skipped_no_contact" if contact is None else "skipped_no_standard"] += 1
        else:
            ready.append((vendor, kind, due_on, key, contact))
    claimed = claim_all([key for *_, key, _contact in ready], job="reviews", now=now)
    profiles = vendor_profiles([vendor for vendor, *_, key, _c in ready
                                if key in claimed]) if together else {}
    outcome = {}
    for vendor, kind, due_on, key, contact in ready:
        if key not in claimed:
            counts["already_done"] += 1
            outcome[vendor.id] = "done"
            continue
        profile = profiles.get(vendor.id)
        assessment = create_assessment(vendor, kind=kind, version=None, version_reason="",
                                       due_on=due_on, contacts=[contact], actor=None,
                                       now=now, profile=profile)
        send_assessment(assessment, actor=None, now=now, profile=profile)
        counts[f"sent_{kind}"] += 1
        outcome[vendor.id] = "sent"
    return outcome


def create_due_reviews(now: datetime) -> dict[str, int]:
    """Send the periodic review (a full reassessment or the tier's lighter one) to every
    supervised vendor whose review date is within the lead days; due on that date."""
    today, lead = now.date(), timedelta(days=_days("REVIEW_LEAD_DAYS"))
    counts: Counter = Counter()
    under_way = _under_way(today + lead)
    for vendors in db.session.scalars(
            _supervised(Vendor.next_review_on, today + lead)).partitions():
        planned = []
        for vendor in vendors:
            if vendor.id in under_way:
                counts["skipped_open_assessment"] += 1
                continue
            planned.append((vendor, vendor.next_review_kind or FULL,
                            max(vendor.next_review_on, today + lead),
                            f"review:{vendor.id}:{vendor.next_review_on}"))
        start_all(planned, now, counts)
    return dict(counts)


def request_handling_reports(now: datetime) -> dict[str, int]:
    """Ask supervised vendors for their handling-status report when it falls due (tier 1
    every 6 months, tier 2 yearly), then move the next one on."""
    today, lead = now.date(), timedelta(days=_days("REVIEW_LEAD_DAYS"))
    counts: Counter = Counter()
    for vendors in db.session.scalars(
            _supervised(Vendor.next_report_on, today + lead)).partitions():
        started = start_all([(vendor, AssessmentKind.HANDLING_STATUS_REPORT.value,
                              max(vendor.next_report_on, today + lead),
                              f"report:{vendor.id}:{vendor.next_report_on}")
                             for vendor in vendors], now, counts)
        for vendor in vendors:
            if vendor.id in started:
                # One request covers any periods missed while the scheduler was down.
                following = next_report_on(vendor.tier.value, vendor.next_report_on)
                while following is not None and following <= today + lead:
                    following = next_report_on(vendor.tier.value, following)
                vendor.next_report_on = following
    return dict(counts)


def remind_respondents(now: datetime) -> dict[str, int]:
    """Remind respondents before the due date and every few days after it; escalate to
    the vendor's owner and procurement once a questionnaire is long overdue."""
    config = current_app.config
    before = tuple(int(day) for day in config["REMINDER_DAYS_BEFORE"])
    every_after, escalate_after = int(config["REMINDER_EVERY_DAYS_AFTER"]), int(
        config["ESCALATE_AFTER_DAYS"])
    today = now.date()
    counts: Counter = Counter()
    statement = (select(Assessment).where(Assessment.status.in_(EDITABLE),
                                          Assessment.due_on <= today + timedelta(
                                              days=max(before, default=0)))
                 .options(selectinload(Assessment.respondents),
                          selectinload(Assessment.vendor))
                 .order_by(Assessment.id).execution_options(yield_per=BATCH))
    for assessment in db.session.scalars(statement):
        step = reminder_step(assessment.due_on, today, before=before, every_after=every_after)
        if step and claim(f"remind:{assessment.id}:{assessment.due_on}:{step}",
                          job="reminders", now=now):
            # An overdue vendor's link must work until the next reminder at least.
            until = max(assessment.due_on, today + timedelta(days=every_after))
            counts["reminded"] += remind(assessment, actor=None, now=now, until=until)
        if escalation_due(assessment.due_on, today, after_days=escalate_after) and claim(
                f"escalate:{assessment.id}:{assessment.due_on}", job="reminders", now=now):
            counts["escalated"] += notify_staff(
                "questionnaire_overdue", assessment.vendor, now=now,
                recipients=config["ESCALATION_RECIPIENTS"],
                context={"assessment": assessment,
                         "days": (today - assessment.due_on).days},
                object_type="assessment", object_id=assessment.id)
    return dict(counts)
