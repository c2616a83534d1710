"""The one place the application reads the wall clock (tests move it with time-machine),
and reads a typed day."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

# The PPC's deadlines run in Japan time; incident times are entered and shown in it.
JAPAN = ZoneInfo("Asia/Tokyo")


def people_today(now: datetime) -> date:
    """The day it is where the people using the app are (VENDORRISK_DISPLAY_TIMEZONE): a
    day they type as "today" is today there, even in the hours when UTC is a day behind."""
    try:
        zone = ZoneInfo(str(current_app.config["DISPLAY_TIMEZONE"]))
    except RuntimeError:  # outside an application: the default zone
        zone = JAPAN
    return now.astimezone(zone).date()


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


def parse_day(value: str | None) -> date | None:
    """A YYYY-MM-DD text as a date; None when it is empty or not a date."""
    try:
        return date.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None


def parse_japan_time(value: str | None) -> datetime | None:
    """A YYYY-MM-DDTHH:MM text (a datetime-local field) read as Japan time, in UTC; None
    when it is empty or not a time."""
    try:
        parsed = datetime.fromisoformat(value.strip()) if value and value.strip() else None
    except ValueError:
        return None
    if parsed is None:
        return None
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=JAPAN)).astimezone(UTC)


def japan_time(value: datetime | None) -> str:
    """A timestamp as Japan time to the minute ("" for None)."""
    return value.astimezone(JAPAN).strftime("%Y-%m-%d %H:%M JST") if value else ""


def zoned_time(value: datetime | None, zone: str) -> str:
    """A stored (UTC) timestamp in the time zone ``zone``, to the minute and with the
    zone's abbreviation ("2026-12-03 16:42 JST"); "—" for None."""
    if value is None:
        return "—"
    return value.astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M %Z")


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; the 29th–31st fall back to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
