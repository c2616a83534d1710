"""Which reminder or notice is due on a day. Pure: no Flask, no database.

Each answer is a step name that goes into a unique key, so every step happens once; after
downtime only the step due now is taken, never the ones missed on the way.
"""

from datetime import date


def before_step(ends_on: date, today: date, offsets: tuple[int, ...]) -> int | None:
    """The warning due ``today`` for something ending on ``ends_on``, as its offset: with
    offsets (7, 3, 1), 7 from seven days before, 3 from three days before, 1 from the day
    before (or on the day, if that one was missed); None when it is further off or past."""
    days_left = (ends_on - today).days
    if days_left < 0:
        return None
    reached = [offset for offset in sorted(offsets) if offset >= days_left]
    return reached[0] if reached else None


def reminder_step(due_on: date, today: date, *, before: tuple[int, ...],
                  every_after: int) -> str | None:
    """"before:7", "before:3", "before:1", then "after:1", "after:2", ... every
    ``every_after`` days once the due date has passed; None on the days between."""
    if today <= due_on:
        offset = before_step(due_on, today, before)
        return f"before:{offset}" if offset is not None else None
    rounds = (today - due_on).days // every_after
    return f"after:{rounds}" if rounds >= 1 else None


def escalation_due(due_on: date, today: date, *, after_days: int) -> bool:
    """The vendor is ``after_days`` or more past its due date."""
    return (today - due_on).days >= after_days
