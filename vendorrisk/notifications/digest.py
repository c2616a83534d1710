"""The daily digest: one e-mail per user who chose it, listing the hand-off notices that
waited since the last one, each with its link (handoffs.py puts them aside).

A plain job of ``now`` (the scheduler's daily run calls it): each digest is claimed in
the ledger by its user and its newest notice, and its notices are marked sent in the same
transaction, so a second run, or a second scheduler, sends nothing twice.
"""

from datetime import datetime
from itertools import groupby

from flask import current_app
from sqlalchemy import select

from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim
from vendorrisk.notifications.models import DigestItem
from vendorrisk.notifications.services import queue_email

LEDGER_JOB = "digests"


def send_digests(now: datetime) -> dict[str, int]:
    """Queue each waiting user's digest; return how many digests and notices."""
    waiting = db.session.scalars(select(DigestItem).where(DigestItem.sent_at.is_(None))
                                 .order_by(DigestItem.user_id, DigestItem.id)).all()
    digests = notices = 0
    for user_id, group in groupby(waiting, key=lambda item: item.user_id):
        items = list(group)
        user = db.session.get(User, user_id)
        for item in items:
            item.sent_at = now
        if user is None or not user.active:
            continue  # a disabled account hears nothing; its notices are dropped
        if not claim(f"digest:{user_id}:{items[-1].id}", job=LEDGER_JOB, now=now):
            continue
        queue_email("digest", recipient=user.email, language=user.language.value,
                    context={"user": user, "items": items, "day": now.date(),
                             "base_url": current_app.config["BASE_URL"].rstrip("/")},
                    object_type="user", object_id=user.id, now=now)
        digests += 1
        notices += len(items)
    db.session.flush()
    return {"digests": digests, "notices": notices}
