"""The contract rules: clause coverage (docs/rules.md) and status from dates."""

from datetime import date, timedelta

import pytest

from vendorrisk.contracts.clauses import CHECKLIST, MANDATORY, coverage
from vendorrisk.contracts.status import ContractStatus, Dates, status, term_end

ALL_MANDATORY = {clause.key: f"Art. {number}" for number, clause in enumerate(MANDATORY, 1)}


def test_the_checklist_has_jis_items_a_to_h_mandatory():
    assert [c.key for c in CHECKLIST if c.mandatory] == list("abcdefgh")
    assert len(CHECKLIST) == 22


def test_a_contract_with_every_mandatory_clause_is_complete():
    result = coverage(ALL_MANDATORY)
    assert result.complete
    assert result.summary() == "mandatory 8/8"
    assert len(result.recommended_missing) == 14


def test_the_summary_names_what_is_missing():
    result = coverage({**ALL_MANDATORY, "e": "  ", "breach_24h": "Art. 12"})
    assert not result.complete
    assert result.summary() == "mandatory 7/8: missing (e) right to confirm compliance"
    assert [c.key for c in result.recommended_met] == ["breach_24h"]


def test_unknown_keys_and_blank_references_cover_nothing():
    result = coverage({"z": "Art. 1", "a": ""})
    assert result.mandatory_met == ()
    assert result.summary().startswith("mandatory 0/8: missing (a) responsibilities")


END = date(2027, 3, 31)
SIGNED = Dates(signed_on=date(2026, 3, 20), effective_from=date(2026, 4, 1), effective_to=END)


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 3, 31), ContractStatus.DRAFT),  # signed, not yet in effect
    (END - timedelta(days=31), ContractStatus.ACTIVE),
    (END - timedelta(days=30), ContractStatus.EXPIRING),  # 30 days away: in the window
    (END - timedelta(days=1), ContractStatus.EXPIRING),  # the day before
    (END, ContractStatus.EXPIRING),  # its last day: still in effect
    (END + timedelta(days=1), ContractStatus.EXPIRED),  # the day after
])
def test_status_on_the_boundary_dates(today, expected):
    assert status(SIGNED, today, expiring_days=30) == expected


def test_unsigned_is_draft_and_termination_wins():
    assert status(Dates(None, date(2026, 4, 1), END), date(2026, 5, 1),
                  expiring_days=30) == ContractStatus.DRAFT
    ended = Dates(SIGNED.signed_on, SIGNED.effective_from, END,
                  terminated_on=date(2026, 9, 30))
    assert status(ended, date(2026, 9, 29), expiring_days=30) == ContractStatus.ACTIVE
    assert status(ended, date(2026, 9, 30), expiring_days=30) == ContractStatus.TERMINATED


def test_an_auto_renewing_contract_renews_for_its_first_terms_length():
    renewing = Dates(SIGNED.signed_on, SIGNED.effective_from, END, auto_renewal=True)
    assert status(renewing, END, expiring_days=30) == ContractStatus.ACTIVE  # renews
    assert status(renewing, END + timedelta(days=1), expiring_days=30) == ContractStatus.ACTIVE
    assert term_end(renewing, END + timedelta(days=1)) == date(2028, 3, 31)
    assert term_end(renewing, date(2029, 6, 1)) == date(2030, 3, 31)


def test_notice_stops_the_renewal_at_the_end_of_that_term():
    noticed = Dates(SIGNED.signed_on, SIGNED.effective_from, END, auto_renewal=True,
                    notice_given_on=date(2027, 1, 10))
    assert status(noticed, END - timedelta(days=1), expiring_days=30) == \
        ContractStatus.EXPIRING
    assert status(noticed, END + timedelta(days=1), expiring_days=30) == \
        ContractStatus.EXPIRED
    late_notice = Dates(SIGNED.signed_on, SIGNED.effective_from, END, auto_renewal=True,
                        notice_given_on=date(2027, 6, 1))  # given in the second term
    assert term_end(late_notice, date(2028, 6, 1)) == date(2028, 3, 31)
    assert status(late_notice, date(2028, 6, 1), expiring_days=30) == ContractStatus.EXPIRED
