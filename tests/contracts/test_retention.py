"""When a contract may be deleted (contracts/retention.py), rule by rule."""

from datetime import date

import pytest

from vendorrisk.contracts.retention import (
    DATA_HELD,
    KEEP_UNTIL,
    NOT_ENDED,
    deletion_refusal,
)

KEEP = date(2030, 1, 31)


@pytest.mark.parametrize(("status", "today", "held", "expected"), [
    ("active", date(2031, 1, 1), False, NOT_ENDED),  # e.g. renewed automatically
    ("expiring", date(2031, 1, 1), False, NOT_ENDED),
    ("draft", date(2031, 1, 1), False, NOT_ENDED),
    ("expired", KEEP, False, KEEP_UNTIL),  # the keep-until day itself is still kept
    ("terminated", date(2029, 5, 1), False, KEEP_UNTIL),
    ("expired", date(2030, 2, 1), True, DATA_HELD),
    ("terminated", date(2030, 2, 1), False, None),
    ("expired", date(2030, 2, 1), False, None),
])
def test_only_ended_contracts_past_keep_until_without_our_data_go(status, today, held,
                                                                  expected):
    assert deletion_refusal(status=status, retention_until=KEEP, today=today,
                            data_held=held) == expected
