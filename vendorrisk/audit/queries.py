"""The audit log's filter, shared by its page and the API."""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select

from vendorrisk.audit.models import AuditEvent
from vendorrisk.foundation.clock import parse_day


def filtered_events(args: dict[str, str]) -> Select[tuple[AuditEvent]]:
    """Events newest first: action by prefix, actor by part of the name, object type and
    id exactly, since and until as days (a day that is not one is ignored)."""
    statement = select(AuditEvent).order_by(AuditEvent.seq.desc())
    if args.get("action"):
        statement = statement.where(AuditEvent.action.startswith(args["action"].strip()))
    if args.get("actor"):
        statement = statement.where(AuditEvent.actor_label.contains(args["actor"].strip()))
    if args.get("object_type"):
        statement = statement.where(AuditEvent.object_type == args["object_type"].strip())
    if args.get("object_id"):
        statement = statement.where(AuditEvent.object_id == args["object_id"].strip())
    if since := parse_day(args.get("since")):
        statement = statement.where(
            AuditEvent.occurred_at >= datetime.combine(since, time(), tzinfo=UTC)
        )
    if (until := parse_day(args.get("until"))) and until < date.max:  # no day after it
        statement = statement.where(
            AuditEvent.occurred_at < datetime.combine(until + timedelta(days=1), time(), UTC)
        )
    return statement
