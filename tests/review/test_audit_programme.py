"""The audit programme by tier (DOMAIN §7, issue 25): tier 1 every two years, yearly
with special-care data or My Number, before go-live where the company chooses; tiers 2
and 3 on demand only."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from vendorrisk.review.audit_programme import AuditDue, interval_years, next_audit
from vendorrisk.vendors.vocabulary import DataCategory, Tier

APPROVED = date(2027, 4, 10)


def test_tier_1_every_two_years_yearly_with_special_care_or_my_number():
    assert interval_years(Tier.TIER_1, {DataCategory.CUSTOMER}) == 2
    for sensitive in (DataCategory.SPECIAL_CARE, DataCategory.HEALTH, DataCategory.MY_NUMBER):
        assert interval_years(Tier.TIER_1, {DataCategory.EMPLOYEE, sensitive}) == 1
    for tier in (Tier.TIER_2, Tier.TIER_3, Tier.OUT_OF_SCOPE):
        assert interval_years(tier, {DataCategory.MY_NUMBER}) is None


def test_the_first_audit_counts_from_the_first_approval_then_from_the_last_audit():
    plain = {DataCategory.CUSTOMER}
    assert next_audit(Tier.TIER_1, plain, last_audit_on=None, first_approved_on=APPROVED,
                      before_go_live=False) == AuditDue("periodic", date(2029, 4, 10), 2)
    assert next_audit(Tier.TIER_1, {DataCategory.MY_NUMBER}, last_audit_on=date(2028, 2, 29),
                      first_approved_on=APPROVED, before_go_live=True
                      ) == AuditDue("periodic", date(2029, 2, 28), 1)


def test_before_go_live_only_where_the_company_chooses_it():
    assert next_audit(Tier.TIER_1, set(), last_audit_on=None, first_approved_on=None,
                      before_go_live=True) == AuditDue("before_go_live", None, 2)
    assert next_audit(Tier.TIER_1, set(), last_audit_on=None, first_approved_on=None,
                      before_go_live=False) is None
    assert next_audit(Tier.TIER_2, set(), last_audit_on=None, first_approved_on=None,
                      before_go_live=True) is None


def test_overdue_from_the_day_after_the_due_date():
    due = AuditDue("periodic", date(2028, 1, 31), 1)
    assert not due.overdue(date(2028, 1, 31))
    assert due.overdue(date(2028, 2, 1))
    assert not AuditDue("before_go_live", None, 2).overdue(date(2099, 1, 1))


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
       st.sets(st.sampled_from(list(DataCategory))))
def test_the_next_audit_is_never_later_than_the_interval(last, categories):
    due = next_audit(Tier.TIER_1, categories, last_audit_on=last, first_approved_on=None,
                     before_go_live=False)
    years = due.interval_years
    assert due.on > last
    assert (due.on - last).days <= 366 * years
    assert (due.on - last).days >= 365 * years
