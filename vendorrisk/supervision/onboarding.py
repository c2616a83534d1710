"""The onboarding plan's rules (docs/rules.md, "Onboarding"): in which order vendors
already in use receive their first (selection) assessment, how many a week, why one
cannot be sent, and in which week the backlog is cleared.

Pure: plain values in, plain values out; no Flask, no database.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from vendorrisk.vendors.vocabulary import IndividualsBand, Tier

# Tier 1 first, out-of-scope vendors last.
TIER_RANK = {Tier.TIER_1: 0, Tier.TIER_2: 1, Tier.TIER_3: 2, Tier.OUT_OF_SCOPE: 3}
# Within a tier, the larger volume of individuals first.
VOLUME_RANK = {IndividualsBand.MORE: 0, IndividualsBand.UP_TO_100000: 1,
               IndividualsBand.UP_TO_1000: 2, IndividualsBand.UP_TO_100: 3}


@dataclass(frozen=True)
class Candidate:
    """A vendor in use, not yet assessed, as the plan sees it."""

    vendor_id: int
    tier: Tier
    individuals: IndividualsBand


class SkipReason(StrEnum):
    """Why a vendor's first assessment cannot be sent (it waits until this is fixed)."""

    NO_CONTACT = "no_contact"
    NO_STANDARD = "no_standard"


def priority(candidate: Candidate) -> tuple[int, int, int]:
    """The sort key: tier, then volume (larger first), then the vendor id (the older
    registration first), so the order is total and stable."""
    return (TIER_RANK[candidate.tier], VOLUME_RANK[candidate.individuals],
            candidate.vendor_id)


def onboarding_order(candidates: Iterable[Candidate]) -> list[Candidate]:
    """The candidates in the order their first assessments are sent."""
    return sorted(candidates, key=priority)


def skip_reason(*, has_contact: bool, has_standard: bool) -> SkipReason | None:
    """Why the first assessment cannot go out now; None when it can."""
    if not has_contact:
        return SkipReason.NO_CONTACT
    if not has_standard:
        return SkipReason.NO_STANDARD
    return None


def week_of(day: date) -> date:
    """The Monday of ``day``'s week (the plan counts weeks Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


def room_this_week(capacity: int, sent_this_week: int) -> int:
    """How many more first assessments may go out this week."""
    return max(0, capacity - sent_this_week)


def clearing_week(waiting: int, *, capacity: int, today: date,
                  sent_this_week: int = 0) -> date | None:
    """The Monday of the week in which the last of ``waiting`` vendors is sent, at
    ``capacity`` a week, this week's room being what is left of it; None when it never
    is (no capacity). With nothing waiting, this week."""
    this_week = week_of(today)
    room = room_this_week(capacity, sent_this_week)
    if waiting <= room:
        return this_week
    if capacity <= 0:
        return None
    later_weeks = -(-(waiting - room) // capacity)  # ceiling division
    return this_week + timedelta(weeks=later_weeks)
