"""The rules of cross-border provision (APPI Art. 28, PPC Rules Art. 18; docs/rules.md).
Pure: records in, states and dates out.

A provision abroad needs a basis: (a) the person's consent after being told the
country, its regime and the recipient's measures; (b) a recipient in a country the PPC
designated (the EEA and the UK); (c) a recipient with a system conforming to the PPC's
standards — a contract ensuring equivalent measures, or APEC CBPR; or it is not a
provision (and the record says why). Under (c), and only there, Rule 18 asks for a
periodic check, yearly here, of the recipient's implementation and of foreign laws
that could prevent it; a check can suspend the provision until a later one lets it
continue.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from vendorrisk.vendors.crossborder_models import CheckOutcome, TransferBasis

NEEDS_RULE18 = frozenset({TransferBasis.CONFORMING_CONTRACT, TransferBasis.CONFORMING_CBPR})
CHECK_EVERY = timedelta(days=365)
# (b): the countries the PPC designated — the EEA (the EU, Iceland, Liechtenstein and
# Norway) and the United Kingdom
DESIGNATED = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    "GB"})


@dataclass(frozen=True)
class Standing:
    """Where one country's provision stands: ``state`` is "no_basis", "suspended",
    "check_due" or "in_order"; ``check_due_on`` only under a conforming system."""

    state: str
    check_due_on: date | None = None


def check_due_on(basis: TransferBasis, evidenced_on: date, last_check: date | None
                 ) -> date | None:
    """When the next Rule 18 check is due (None: the basis needs none)."""
    if basis not in NEEDS_RULE18:
        return None
    return (last_check or evidenced_on) + CHECK_EVERY


def standing(basis: TransferBasis | None, evidenced_on: date | None, suspended: bool,
             last_check: date | None, today: date) -> Standing:
    if basis is None or evidenced_on is None:
        return Standing("no_basis")
    due = check_due_on(basis, evidenced_on, last_check)
    if suspended:
        return Standing("suspended", due)
    if due is not None and due <= today:
        return Standing("check_due", due)
    return Standing("in_order", due)


def suspends(outcome: CheckOutcome) -> bool:
    """A check's outcome as the provision's state: suspended, or going on (with the
    measures required, if any)."""
    return outcome == CheckOutcome.SUSPEND
