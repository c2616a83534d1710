"""When a decided vendor is next reviewed (docs/rules.md#supervision-cadence-and-triggers).
Pure: no Flask, no database."""

from dataclasses import dataclass
from datetime import date

from vendorrisk.foundation.clock import add_months


@dataclass(frozen=True)
class Cadence:
    """One row of the cadence table: a review every ``review_months`` — a full reassessment
    every ``full_months``, the ``lighter`` kind in between — and a handling-status report
    every ``report_months`` (None: not periodic)."""

    review_months: int
    lighter: str
    full_months: int
    report_months: int | None


CADENCES: dict[str, Cadence] = {
    "1": Cadence(12, "periodic", 12, 6),  # full reassessment yearly; report every 6 months
    "2": Cadence(12, "confirmation", 24, 12),  # yearly review; full every 2 years; report
    "3": Cadence(12, "confirmation", 36, None),  # yearly confirmation; full every 3 years
    # Out of Art. 25 scope (storage-only cloud, no personal data): an approved vendor is
    # never left without a review date (issue 22); yearly, the classification is
    # confirmed still to hold (the provider still does not handle the data).
    "out_of_scope": Cadence(12, "confirmation", 36, None),
}


def next_review_on(tier: str, decided_on: date) -> date | None:
    """The date of the next periodic review after a decision; None for a tier without a
    cadence."""
    cadence = CADENCES.get(tier)
    return add_months(decided_on, cadence.review_months) if cadence else None


FULL = "periodic"  # the kind of a full reassessment


def review_kind(tier: str, review_on: date, last_full_on: date | None) -> str | None:
    """What the review on ``review_on`` is: a full reassessment when it is the review
    nearest to ``full_months`` after the last full one (or there was none), else the
    tier's lighter review (a yearly confirmation). None for a tier without a cadence.

    "Nearest" because review dates drift: a review decided a few days early sets the next
    one a few days early too, and a tier 2 vendor must not wait three years for its
    full reassessment because the second review fell two days short of 24 months.
    """
    cadence = CADENCES.get(tier)
    if cadence is None:
        return None
    half_period = cadence.review_months // 2
    if last_full_on is None or add_months(
            last_full_on, cadence.full_months - half_period) <= review_on:
        return FULL
    return cadence.lighter


def next_report_on(tier: str, after: date) -> date | None:
    """When the next handling-status report is due after ``after``; None when the tier
    asks for none."""
    cadence = CADENCES.get(tier)
    if cadence is None or cadence.report_months is None:
        return None
    return add_months(after, cadence.report_months)
