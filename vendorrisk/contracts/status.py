"""A contract's status from its dates (issue 7). Pure: no Flask, no database.

``draft`` until signed and in effect; ``terminated`` once a termination is recorded;
``expired`` after the last day of its term; ``expiring`` when that last day is at most the
window's days away; ``active`` otherwise. An auto-renewing contract renews for the length of its
first term unless notice was given; it expires only at the end of the term in which
notice was given.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vendorrisk.foundation.clock import add_months


class ContractStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    TERMINATED = "terminated"


@dataclass(frozen=True)
class Dates:
    signed_on: date | None
    effective_from: date | None
    effective_to: date | None  # the last day of the (first) term; None: open-ended
    auto_renewal: bool = False
    notice_given_on: date | None = None  # notice not to renew
    terminated_on: date | None = None


def term_end(dates: Dates, today: date) -> date | None:
    """The last day of the term running on ``today`` (or the last term, once over)."""
    end, start = dates.effective_to, dates.effective_from
    if end is None or not dates.auto_renewal or start is None:
        return end
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    whole_months = after.day == start.day and months > 0  # a year, not 365 days
    terms = 1
    # Renewals stop with the term in which notice was given.
    stop = dates.notice_given_on
    while end < today and (stop is None or stop > end):
        terms += 1
        end = (add_months(start, months * terms) if whole_months
               else start + (after - start) * terms) - timedelta(days=1)
    return end


def renews(dates: Dates, end: date) -> bool:
    """The term ending on ``end`` is followed by another (no notice given before it)."""
    return dates.auto_renewal and (dates.notice_given_on is None
                                   or dates.notice_given_on > end)


def status(dates: Dates, today: date, *, expiring_days: int) -> ContractStatus:
    """The status on ``today``; ``expiring_days`` is the warning window."""
    if dates.terminated_on is not None and dates.terminated_on <= today:
        return ContractStatus.TERMINATED
    if dates.signed_on is None or dates.effective_from is None \
            or dates.effective_from > today:
        return ContractStatus.DRAFT
    end = term_end(dates, today)
    if end is None:
        return ContractStatus.ACTIVE
    if end < today:
        return ContractStatus.EXPIRED
    if not renews(dates, end) and (end - today).days <= expiring_days:
        return ContractStatus.EXPIRING
    return ContractStatus.ACTIVE


def renewed_on(dates: Dates, today: date) -> date | None:
    """The first day of the renewed term running on ``today``; None while the first term
    runs, for a contract that does not renew, and once it has ended."""
    if not dates.auto_renewal or dates.effective_to is None or dates.effective_from is None \
            or (dates.terminated_on is not None and dates.terminated_on <= today):
        return None
    end = term_end(dates, today)
    if end is None or end < today or end <= dates.effective_to:
        return None
    previous = dates.effective_to
    while True:
        following = term_end(dates, previous + timedelta(days=1))
        if following is None or following >= end:
            return previous + timedelta(days=1)
        previous = following
