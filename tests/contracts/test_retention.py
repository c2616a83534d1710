"""When a contract may be deleted (contracts/retention.py), rule by rule; and the vendor
page says that a contract past its keep-until date stays while the data is held."""

from datetime import date, timedelta

import pytest
import time_machine

from tests.contracts.conftest import day, record_contract
from tests.helpers import page_text
from vendorrisk.auth.models import Role
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


def test_the_vendor_page_says_a_contract_past_keep_until_stays_while_data_is_held(
        app, client, auth, make_vendor):
    """R10 (issue 25): the keep-until date follows the data actually held."""
    vendor = make_vendor()
    auth.login_as(Role.PROCUREMENT)
    record_contract(client, vendor.id, effective_to=day(10), retention_until=day(20))
    words = "and while the vendor holds our data"
    assert words not in page_text(client.get(f"/vendors/{vendor.id}"))
    with time_machine.travel(date.today() + timedelta(days=30)):
        auth.login_as(Role.AUDITOR)  # a month on: a new session
        assert words in page_text(client.get(f"/vendors/{vendor.id}"))
