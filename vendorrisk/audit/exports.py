"""The audit log's record of a bulk export (register, answers, findings, contracts,
incidents, requests): who took it, in which format, with which filter, how many rows,
and whether the download ran to its end. Written when the last row has gone out."""

import logging
from collections.abc import Callable

from flask import request
from flask_login import current_user

from vendorrisk.audit.services import Actor, record
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db

log = logging.getLogger(__name__)


def recorded(what: str, fmt: str) -> Callable[[int, bool], None]:
    """A callback for foundation/exports.py that records the export ``what`` by the
    signed-in user with the request's filter (its query arguments; a repeated one as a
    list)."""
    actor: Actor = current_user._get_current_object()
    chosen = {name: values[0] if len(values) == 1 else values
              for name, values in request.args.lists() if any(values)}

    def done(rows: int, complete: bool) -> None:
        try:
            record("export.downloaded", actor=actor, object_type="export", object_id=what,
                   now=utcnow(), details={"format": fmt, "filters": chosen, "rows": rows,
                                          "complete": complete})
            db.session.commit()
        except Exception:  # the rows have gone out: say so in the log, do not hide it
            db.session.rollback()
            log.exception("The export %s by %s could not be recorded", what, actor.email)
            raise

    return done
