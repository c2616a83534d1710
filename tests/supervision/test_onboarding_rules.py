"""The onboarding plan's pure rules (supervision/onboarding.py): the order, the skip
reasons and the week the backlog is cleared — examples, then properties over random
portfolios."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from vendorrisk.supervision.onboarding import (
    TIER_RANK,
    VOLUME_RANK,
    Candidate,
    SkipReason,
    clearing_week,
    onboarding_order,
    room_this_week,
    skip_reason,
    week_of,
)
from vendorrisk.vendors.vocabulary import IndividualsBand, Tier

MONDAY = date(2027, 3, 1)
candidates = st.lists(st.builds(Candidate, vendor_id=st.integers(1, 10_000),
                                tier=st.sampled_from(Tier),
                                individuals=st.sampled_from(IndividualsBand)),
                      unique_by=lambda c: c.vendor_id, max_size=60)


def test_tier_1_first_then_the_larger_volume_then_the_older_id():
    plan = onboarding_order([
        Candidate(5, Tier.TIER_2, IndividualsBand.MORE),
        Candidate(4, Tier.TIER_1, IndividualsBand.UP_TO_100),
        Candidate(3, Tier.TIER_1, IndividualsBand.UP_TO_100000),
        Candidate(9, Tier.OUT_OF_SCOPE, IndividualsBand.MORE),
        Candidate(2, Tier.TIER_1, IndividualsBand.UP_TO_100),
        Candidate(1, Tier.TIER_3, IndividualsBand.MORE),
    ])
    assert [c.vendor_id for c in plan] == [3, 2, 4, 5, 1, 9]


@given(candidates)
def test_the_order_is_sorted_by_tier_then_volume_and_total(found):
    plan = onboarding_order(found)
    assert sorted(c.vendor_id for c in plan) == sorted(c.vendor_id for c in found)
    for before, after in zip(plan, plan[1:], strict=False):
        first = (TIER_RANK[before.tier], VOLUME_RANK[before.individuals], before.vendor_id)
        second = (TIER_RANK[after.tier], VOLUME_RANK[after.individuals], after.vendor_id)
        assert first < second
    assert onboarding_order(reversed(found)) == plan  # the input order does not matter


def test_a_vendor_without_a_contact_or_a_standard_is_skipped_with_its_reason():
    assert skip_reason(has_contact=False, has_standard=False) == SkipReason.NO_CONTACT
    assert skip_reason(has_contact=True, has_standard=False) == SkipReason.NO_STANDARD
    assert skip_reason(has_contact=True, has_standard=True) is None


def test_the_clearing_week_examples():
    wednesday = MONDAY + timedelta(days=2)
    assert week_of(wednesday) == MONDAY
    assert clearing_week(0, capacity=20, today=wednesday) == MONDAY
    assert clearing_week(20, capacity=20, today=wednesday) == MONDAY
    assert clearing_week(21, capacity=20, today=wednesday) == MONDAY + timedelta(weeks=1)
    assert clearing_week(200, capacity=20, today=MONDAY) == MONDAY + timedelta(weeks=9)
    # 15 sent already this week: 5 more now, then 20 a week
    assert clearing_week(45, capacity=20, today=wednesday, sent_this_week=15) == \
        MONDAY + timedelta(weeks=2)
    assert clearing_week(1, capacity=0, today=MONDAY) is None
    assert room_this_week(20, 25) == 0


@given(waiting=st.integers(0, 5_000), capacity=st.integers(1, 300),
       sent=st.integers(0, 400), offset=st.integers(0, 6))
def test_the_clearing_week_is_the_first_week_with_room_for_the_last_one(
        waiting, capacity, sent, offset):
    today = MONDAY + timedelta(days=offset)
    week = clearing_week(waiting, capacity=capacity, today=today, sent_this_week=sent)
    assert week.weekday() == 0
    weeks = (week - MONDAY).days // 7
    room_by_then = room_this_week(capacity, sent) + weeks * capacity
    assert room_by_then >= waiting  # the last one has gone out by that week
    if weeks:  # and not a week earlier
        assert room_by_then - capacity < waiting
