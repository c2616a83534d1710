"""The one place the application reads the wall clock (tests move it with time-machine),
and reads a typed day."""

from datetime import UTC, date, datetime


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD text as a date; None when it is empty or not a date."""
    try:
        return date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None
