"""When a decided vendor is next reviewed (DOMAIN.md §7). Pure: no Flask, no database."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Cadence:
    """One row of DOMAIN.md §7: the periodic review every ``review_months`` (its kind),
    a full reassessment every ``full_months``, a handling-status report every
    ``report_months`` (None: not periodic)."""

    review_months: int
    review_kind: str
    full_months: int
    report_months: int | None


CADENCES: dict[str, Cadence] = {
    "1": Cadence(12, "periodic", 12, 6),  # full reassessment yearly; report every 6 months
    "2": Cadence(12, "periodic", 24, 12),  # yearly review; full every 2 years; yearly report
    "3": Cadence(12, "confirmation", 36, None),  # yearly confirmation; full every 3 years
}


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; the 29th–31st fall back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def next_review_on(tier: str, decided_on: date) -> date | None:
    """The date of the next periodic review after a decision; None for a tier without a
    cadence (out of Art. 25 scope)."""
    cadence = CADENCES.get(tier)
    return add_months(decided_on, cadence.review_months) if cadence else None
