"""The onboarding plan at work: the weekly job that sends first (selection) assessments
to vendors in use, not yet assessed, in the order of onboarding.py, and the backlog the
supervision page shows.

A vendor is sent once: the job claims "onboarding:<vendor id>" in the scheduler's
ledger in the transaction that creates and sends the assessment (jobs.start). The week's
capacity counts the keys claimed since Monday, so a daily run, a rerun or a second
scheduler never send more than ONBOARDING_WEEKLY_CAPACITY in one week. A vendor without
a contact or a usable standard is skipped with its reason (counted in the run and
listed on the page) and tried again on the next run. The vendor keeps its status "in use
— not yet assessed" while the assessment is under way; the signed decision gives the
next one (approved, conditionally approved or rejected), as for any selection.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.assessments.services import propose_version
from vendorrisk.assessments.workflow import FINAL, State
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import Mark, taken
from vendorrisk.supervision.jobs import start
from vendorrisk.supervision.onboarding import (
    Candidate,
    SkipReason,
    clearing_week,
    onboarding_order,
    room_this_week,
    skip_reason,
    week_of,
)
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import UNASSESSED

PREFIX = "onboarding:"


def key(vendor_id: int) -> str:
    """The once-key of a vendor's onboarding assessment."""
    return f"{PREFIX}{vendor_id}"


@dataclass(frozen=True)
class PlanRow:
    """One vendor in use, not yet assessed, and where it stands in the plan."""

    vendor: Vendor
    sent: bool  # its first assessment went out (or one is under way)
    reason: SkipReason | None  # why it cannot be sent now (waiting rows only)


@dataclass(frozen=True)
class Backlog:
    """What the supervision page shows of the plan."""

    by_tier: dict[str, tuple[int, int]]  # tier → (waiting, sent)
    waiting: int
    sent: int
    skipped: list[PlanRow]  # waiting, but cannot be sent: the reason is shown
    next_up: list[PlanRow]  # the next ones to go, in order
    capacity: int
    sent_this_week: int
    cleared_week: date | None  # Monday of the week the last sendable one goes out


def _under_way(vendor_ids: list[int]) -> set[int]:
    """Vendors with a questionnaire under way (not a handling-status report)."""
    found: set[int] = set()
    for start_at in range(0, len(vendor_ids), 500):
        found.update(db.session.scalars(select(Assessment.vendor_id).where(
            Assessment.vendor_id.in_(vendor_ids[start_at:start_at + 500]),
            Assessment.status.not_in(FINAL | {State.EXPIRED}),
            Assessment.kind != AssessmentKind.HANDLING_STATUS_REPORT).distinct()))
    return found


def plan_rows() -> list[PlanRow]:
    """Every vendor in use, not yet assessed, in the order of the plan."""
    vendors = {vendor.id: vendor for vendor in db.session.scalars(
        select(Vendor).where(Vendor.status.in_(UNASSESSED))
        .options(selectinload(Vendor.contacts), selectinload(Vendor.category_rows),
                 selectinload(Vendor.country_rows), selectinload(Vendor.sub_consignments)))}
    ids = list(vendors)
    sent = _under_way(ids) | {int(done[len(PREFIX):])
                              for done in taken([key(vendor_id) for vendor_id in ids])}
    order = onboarding_order(Candidate(vendor.id, vendor.tier, vendor.individuals)
                             for vendor in vendors.values())
    rows = []
    for candidate in order:
        vendor = vendors[candidate.vendor_id]
        reason = None if candidate.vendor_id in sent else skip_reason(
            has_contact=bool(vendor.contacts),
            has_standard=propose_version(vendor, AssessmentKind.SELECTION) is not None)
        rows.append(PlanRow(vendor, candidate.vendor_id in sent, reason))
    return rows


def sent_in_week(now: datetime) -> int:
    """First assessments the plan sent since Monday 00:00 UTC of ``now``'s week."""
    monday = datetime.combine(week_of(now.date()), time.min, UTC)
    return db.session.scalar(select(func.count()).select_from(Mark).where(
        Mark.key.like(f"{PREFIX}%"), Mark.created_at >= monday)) or 0


def send_onboarding(now: datetime) -> dict[str, int]:
    """The "onboarding" job: send first assessments in plan order, up to what is left
    of this week's capacity; count the vendors skipped and why."""
    config = current_app.config
    room = room_this_week(int(config["ONBOARDING_WEEKLY_CAPACITY"]), sent_in_week(now))
    due_on = now.date() + timedelta(days=int(config["ONBOARDING_DUE_DAYS"]))
    counts: Counter = Counter()
    for row in plan_rows():
        if row.sent:
            continue
        if row.reason is not None:
            counts[f"skipped_{row.reason}"] += 1
        elif room > 0:
            if start(row.vendor, AssessmentKind.SELECTION.value, due_on, key(row.vendor.id),
                     now, counts) == "sent":
                room -= 1
        else:
            counts["waiting"] += 1
    return dict(counts)


def backlog(now: datetime) -> Backlog:
    """The plan's numbers for the supervision page."""
    rows = plan_rows()
    capacity = int(current_app.config["ONBOARDING_WEEKLY_CAPACITY"])
    by_tier: dict[str, tuple[int, int]] = {}
    for row in rows:
        waiting, sent = by_tier.get(row.vendor.tier.value, (0, 0))
        by_tier[row.vendor.tier.value] = (waiting + (not row.sent), sent + row.sent)
    sendable = [row for row in rows if not row.sent and row.reason is None]
    this_week = sent_in_week(now)
    return Backlog(
        by_tier=by_tier, waiting=sum(not row.sent for row in rows),
        sent=sum(row.sent for row in rows),
        skipped=[row for row in rows if not row.sent and row.reason is not None],
        next_up=sendable[:capacity], capacity=capacity, sent_this_week=this_week,
        cleared_week=clearing_week(len(sendable), capacity=capacity, today=now.date(),
                                   sent_this_week=this_week))
