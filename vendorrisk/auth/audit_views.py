"""The audit log, read-only, for administrators and auditors."""

from flask import render_template, request
from flask.typing import ResponseReturnValue

from vendorrisk.audit import bp
from vendorrisk.audit.queries import filtered_events
from vendorrisk.auth.permissions import READERS, require_role
from vendorrisk.foundation.clock import parse_day
from vendorrisk.foundation.extensions import db


@bp.get("/")
@require_role(*READERS)
def index() -> ResponseReturnValue:
    args = {key: value for key, value in request.args.items() if key != "page"}
    page = db.paginate(filtered_events(args), per_page=50, error_out=False)
    bad_dates = [name for name in ("since", "until")
                 if args.get(name) and not parse_day(args[name])]
    return render_template("audit/index.html", page=page, args=args, bad_dates=bad_dates)
