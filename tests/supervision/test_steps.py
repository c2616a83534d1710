"""The pure rules of supervision: which reminder or notice is due on a day, and whether a
review is the full one."""

from datetime import date, timedelta

import pytest

from vendorrisk.supervision.cadence import FULL, next_report_on, review_kind
from vendorrisk.supervision.steps import before_step, escalation_due, reminder_step

DUE = date(2027, 3, 10)
BEFORE = (7, 3, 1)


@pytest.mark.parametrize(("days_before", "expected"), [
    (8, None), (7, "before:7"), (4, "before:7"), (3, "before:3"), (2, "before:3"),
    (1, "before:1"), (0, "before:1"), (-1, None), (-2, None), (-3, "after:1"),
    (-5, "after:1"), (-6, "after:2"), (-30, "after:10")])
def test_reminder_steps_around_the_due_date(days_before, expected):
    today = DUE - timedelta(days=days_before)
    assert reminder_step(DUE, today, before=BEFORE, every_after=3) == expected


def test_expiry_notices_take_only_the_step_due_now():
    ends = date(2027, 6, 30)
    assert before_step(ends, ends - timedelta(days=61), (60, 30, 7)) is None
    assert before_step(ends, ends - timedelta(days=60), (60, 30, 7)) == 60
    assert before_step(ends, ends - timedelta(days=12), (60, 30, 7)) == 30  # after downtime
    assert before_step(ends, ends, (60, 30, 7)) == 7
    assert before_step(ends, ends + timedelta(days=1), (60, 30, 7)) is None


def test_escalation_from_the_set_number_of_days_overdue():
    assert not escalation_due(DUE, DUE + timedelta(days=6), after_days=7)
    assert escalation_due(DUE, DUE + timedelta(days=7), after_days=7)


@pytest.mark.parametrize(("tier", "months_since_full", "expected"), [
    ("1", 12, FULL), ("2", 12, "confirmation"), ("2", 23, FULL), ("2", 24, FULL),
    ("3", 12, "confirmation"), ("3", 24, "confirmation"), ("3", 35, FULL),
    ("out_of_scope", 12, "confirmation"), ("out_of_scope", 35, FULL), ("unknown", 12, None)])
def test_which_review_is_the_full_one(tier, months_since_full, expected):
    last_full = date(2027, 1, 15)
    review_on = date(2027 + months_since_full // 12, 1 + months_since_full % 12, 10)
    assert review_kind(tier, review_on, last_full) == expected


def test_reports_every_six_months_for_tier_1_yearly_for_tier_2_none_for_tier_3():
    assert next_report_on("1", date(2027, 1, 31)) == date(2027, 7, 31)
    assert next_report_on("2", date(2027, 1, 31)) == date(2028, 1, 31)
    assert next_report_on("3", date(2027, 1, 31)) is None
