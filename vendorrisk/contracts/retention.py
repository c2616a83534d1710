"""When a contract may be deleted (R10; issue 22). Pure: no Flask, no database.

Contracts are kept as long as the entrusted data is held. A contract may be deleted only
when all three hold: it has ended (``expired`` or ``terminated``: an auto-renewing
contract that renewed is ``active``), its keep-until date has passed, and the vendor no
longer holds our data (its return or deletion verified by a certificate, or it never
handled personal data).
"""

from datetime import date

ENDED = frozenset({"expired", "terminated"})
# Refusal codes, in the order they are checked; labels.py words them.
NOT_ENDED = "not_ended"
KEEP_UNTIL = "keep_until"
DATA_HELD = "data_held"


def deletion_refusal(*, status: str, retention_until: date, today: date,
                     data_held: bool) -> str | None:
    """None when the contract may be deleted on ``today``, else the first reason why not."""
    if status not in ENDED:
        return NOT_ENDED
    if today <= retention_until:
        return KEEP_UNTIL
    if data_held:
        return DATA_HELD
    return None
