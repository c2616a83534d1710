"""The one place the application reads the wall clock (tests move it with time-machine)."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)
