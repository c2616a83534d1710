"""The audit log, read-only, for administrators and auditors."""

from datetime import UTC, datetime, time, timedelta

from flask import render_template, request
from flask.typing import ResponseReturnValue
from sqlalchemy import Select, select

from vendorrisk.audit import bp
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.permissions import READERS, require_role
from vendorrisk.clock import parse_day
from vendorrisk.extensions import db


def _filtered(args: dict[str, str]) -> Select[tuple[AuditEvent]]:
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
    if until := parse_day(args.get("until")):
        statement = statement.where(
            AuditEvent.occurred_at < datetime.combine(until + timedelta(days=1), time(), UTC)
        )
    return statement


@bp.get("/")
@require_role(*READERS)
def index() -> ResponseReturnValue:
    args = {key: value for key, value in request.args.items() if key != "page"}
    page = db.paginate(_filtered(args), per_page=50, error_out=False)
    bad_dates = [name for name in ("since", "until")
                 if args.get(name) and not parse_day(args[name])]
    return render_template("audit/index.html", page=page, args=args, bad_dates=bad_dates)
