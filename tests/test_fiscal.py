"""The fiscal year: named by the year it starts in, every day in exactly one."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendorrisk.foundation.fiscal import fiscal_bounds, fiscal_year_of


@pytest.mark.parametrize(("day", "start", "year"), [
    (date(2027, 3, 31), 4, 2026), (date(2027, 4, 1), 4, 2027), (date(2026, 12, 31), 4, 2026),
    (date(2026, 1, 1), 1, 2026), (date(2026, 12, 31), 1, 2026), (date(2026, 9, 30), 10, 2025)])
def test_a_day_belongs_to_the_fiscal_year_it_falls_in(day, start, year):
    assert fiscal_year_of(day, start) == year


def test_fiscal_year_2026_from_april_runs_to_the_end_of_march_2027():
    assert fiscal_bounds(2026, 4) == (date(2026, 4, 1), date(2027, 4, 1))
    assert fiscal_bounds(2026, 1) == (date(2026, 1, 1), date(2027, 1, 1))


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       start=st.integers(min_value=1, max_value=12))
def test_every_day_lies_in_the_bounds_of_its_fiscal_year_and_no_other(day, start):
    year = fiscal_year_of(day, start)
    first, after = fiscal_bounds(year, start)
    assert first <= day < after
    assert fiscal_bounds(year + 1, start)[0] == after  # the years meet without a gap
    assert fiscal_year_of(after - timedelta(days=1), start) == year
