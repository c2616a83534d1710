"""The company's fiscal year (a setting: many Japanese companies run April to March).

A fiscal year is named by the calendar year it starts in, as 年度 are: with April as the
first month, fiscal year 2026 runs from 1 April 2026 to 31 March 2027. Pure.
"""

from datetime import date


def fiscal_year_of(day: date, start_month: int) -> int:
    """The fiscal year ``day`` falls in."""
    return day.year if day.month >= start_month else day.year - 1


def fiscal_bounds(year: int, start_month: int) -> tuple[date, date]:
    """The first day of fiscal year ``year`` and the first day of the next."""
    first = date(year, start_month, 1)
    return first, date(year + 1, start_month, 1)
