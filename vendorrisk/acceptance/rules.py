"""Who accepts an exception, and for how long (DOMAIN §6, R8;
docs/rules.md#residual-risk-and-the-decision-matrix). Pure: no Flask, no database.

A tier 1 vendor graded C may go ahead only as a time-boxed exception accepted by top
management: an exception that lets it through — one naming a failed knockout or a score
below the pass mark of a tier 1 assessment — is decided by an executive; every other
exception by an approver. Every exception ends within ``max_days`` of the day it is
asked for and of the day it is approved.
"""

from datetime import date, timedelta

APPROVER = "approver"
EXECUTIVE = "executive"


def deciding_role(tier: str | None, lets_grade_c_through: bool) -> str:
    """The role that decides an exception: ``executive`` for one that lets a tier 1
    vendor graded C go ahead, else ``approver``."""
    return EXECUTIVE if tier == "1" and lets_grade_c_through else APPROVER


def expiry_problem(expires_on: date | None, today: date, max_days: int) -> str | None:
    """None if ``expires_on`` is a valid end for an exception on ``today``, else why not:
    ``missing``, ``not_future`` (today or earlier) or ``too_long`` (after
    :func:`latest_expiry`)."""
    if expires_on is None:
        return "missing"
    if expires_on <= today:
        return "not_future"
    if expires_on > latest_expiry(today, max_days):
        return "too_long"
    return None


def latest_expiry(today: date, max_days: int) -> date:
    """The last day an exception asked for or approved on ``today`` may run to."""
    return today + timedelta(days=max_days)
