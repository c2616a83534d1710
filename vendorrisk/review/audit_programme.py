"""The audit programme by tier (DOMAIN §7; pure): a tier-1 consignee is audited at least
every two years, every year where it handles special-care data or My Number; where the
company chooses, a tier-1 consignee is audited before its first approval; tiers 2 and 3
are audited on demand only.

The first periodic audit of a consignee already in use falls due one interval after its
first approval; each later one, one interval after the last audit."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from vendorrisk.foundation.clock import add_months
from vendorrisk.vendors.vocabulary import DataCategory, Tier

# Special-care personal information (health is special-care too) and My Number
YEARLY_CATEGORIES = frozenset({DataCategory.SPECIAL_CARE, DataCategory.HEALTH,
                               DataCategory.MY_NUMBER})


@dataclass(frozen=True)
class AuditDue:
    reason: str  # "before_go_live" (no date: before the first approval) or "periodic"
    on: date | None
    interval_years: int

    def overdue(self, today: date) -> bool:
        return self.on is not None and self.on < today


def interval_years(tier: Tier, categories: Collection[DataCategory]) -> int | None:
    """Years between periodic audits, or None where the tier has no programme."""
    if tier != Tier.TIER_1:
        return None
    return tier_1_interval(yearly=bool(YEARLY_CATEGORIES & set(categories)))


def tier_1_interval(*, yearly: bool) -> int:
    """Years between a tier-1 consignee's audits: 1 with special-care data, health data
    or My Number (``yearly``), else 2."""
    return 1 if yearly else 2


def next_audit(tier: Tier, categories: Collection[DataCategory], *,
               last_audit_on: date | None, first_approved_on: date | None,
               before_go_live: bool) -> AuditDue | None:
    """The next audit the programme asks of the consignee, or None."""
    years = interval_years(tier, categories)
    if years is None:
        return None
    if last_audit_on is None and first_approved_on is None:
        return AuditDue("before_go_live", None, years) if before_go_live else None
    return periodic_audit(years, last_audit_on=last_audit_on,
                          first_approved_on=first_approved_on)


def periodic_audit(years: int, *, last_audit_on: date | None,
                   first_approved_on: date | None) -> AuditDue | None:
    """The periodic audit of a tier-1 consignee audited every ``years`` years."""
    base = last_audit_on or first_approved_on
    return AuditDue("periodic", add_months(base, 12 * years), years) if base else None
