"""The cross-border rules (APPI Art. 28, Rule 18): which bases need a yearly check, when
it is due, and the state of a provision."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendorrisk.vendors.crossborder import (
    DESIGNATED,
    NEEDS_RULE18,
    check_due_on,
    standing,
    suspends,
)
from vendorrisk.vendors.crossborder_models import CheckOutcome, TransferBasis

TODAY = date(2027, 6, 1)


@pytest.mark.parametrize("basis", list(TransferBasis))
def test_only_a_conforming_system_needs_the_rule_18_check(basis):
    due = check_due_on(basis, date(2027, 1, 10), None)
    if basis in (TransferBasis.CONFORMING_CONTRACT, TransferBasis.CONFORMING_CBPR):
        assert due == date(2028, 1, 10)
    else:
        assert due is None


def test_the_check_falls_due_a_year_after_the_last_one():
    assert check_due_on(TransferBasis.CONFORMING_CBPR, date(2025, 1, 1),
                        date(2026, 7, 1)) == date(2027, 7, 1)


@pytest.mark.parametrize(("basis", "suspended", "last", "state"), [
    (None, False, None, "no_basis"),
    (TransferBasis.CONSENT, False, None, "in_order"),
    (TransferBasis.CONFORMING_CONTRACT, False, date(2026, 6, 2), "in_order"),
    (TransferBasis.CONFORMING_CONTRACT, False, date(2026, 6, 1), "check_due"),
    (TransferBasis.CONFORMING_CONTRACT, True, date(2027, 5, 1), "suspended")])
def test_a_provision_stands_in_one_state(basis, suspended, last, state):
    evidenced = None if basis is None else date(2026, 1, 1)
    assert standing(basis, evidenced, suspended, last, TODAY).state == state


@given(last=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)))
def test_a_check_is_never_due_before_a_year_has_passed(last):
    due = check_due_on(TransferBasis.CONFORMING_CONTRACT, date(1999, 1, 1), last)
    assert (due - last).days == 365
    assert standing(TransferBasis.CONFORMING_CONTRACT, date(1999, 1, 1), False, last,
                    due).state == "check_due"
    assert standing(TransferBasis.CONFORMING_CONTRACT, date(1999, 1, 1), False, last,
                    date.fromordinal(due.toordinal() - 1)).state == "in_order"


def test_only_a_suspending_outcome_suspends_and_the_designated_are_the_eea_and_uk():
    assert [suspends(outcome) for outcome in CheckOutcome] == [False, False, True]
    assert len(DESIGNATED) == 31
    assert {"GB", "NO", "DE"} <= DESIGNATED
    assert not {"US", "CN", "SG", "JP"} & DESIGNATED
    assert {TransferBasis.CONFORMING_CONTRACT, TransferBasis.CONFORMING_CBPR} == NEEDS_RULE18
