"""Hand-offs: telling the next person once that something waits for them.

A hand-off (a questionnaire submitted, a decision waiting for a signature, a decision
made) is announced by the feature where it happens; this module makes sure each person
hears of it once — its key is claimed in the scheduler's ledger in the same transaction,
so a second call, a retried request or a replayed event sends nothing — and in the way
they chose: a user who takes the daily digest gets a line in tomorrow's digest
(digest.py), everyone else an e-mail through the outbox at once. People at a vendor have
no account and always get the e-mail.
"""

import hashlib
from datetime import datetime
from typing import Any

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import select

from vendorrisk.auth.models import NotificationMode, Role, RoleGrant, User
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim
from vendorrisk.notifications.models import DigestItem
from vendorrisk.notifications.services import queue_email

LEDGER_JOB = "handoffs"


def staff_link(path: str) -> str:
    """The address of a staff page (``path`` starts with /) for an e-mail."""
    return f"{current_app.config['BASE_URL'].rstrip('/')}{path}"


def active_with_role(role: Role) -> list[User]:
    """The active users who hold ``role``, by id."""
    return list(db.session.scalars(
        select(User).join(RoleGrant).where(RoleGrant.role == role, User.active)
        .order_by(User.id)))


def _first_time(key: str, who: str, now: datetime) -> bool:
    """Claim hand-off ``key`` for ``who``; False when it was announced to them already."""
    return claim(f"handoff:{key}:{who}", job=LEDGER_JOB, now=now)


def notify_users(kind: str, key: str, people: list[User | None], *, link: str,
                 context: dict[str, Any], object_type: str, object_id: object,
                 now: datetime) -> int:
    """Tell each active person of ``people`` once (duplicates and None skipped) of
    hand-off ``key`` with ``notifications/<kind>``; return how many were told now."""
    told, seen = 0, set()
    for person in people:
        if person is None or not person.active or person.id in seen:
            continue
        seen.add(person.id)
        if not _first_time(key, f"u{person.id}", now):
            continue
        told += 1
        values = {"user": person, "link": link, **context}
        if person.notification_mode == NotificationMode.DIGEST:
            with force_locale(person.language.value):
                subject = render_template(f"notifications/{kind}.subject.txt", **values)
            db.session.add(DigestItem(
                user_id=person.id, kind=kind, subject=subject.strip().splitlines()[0][:300],
                link=link[:500], created_at=now, object_type=object_type,
                object_id=str(object_id)))
        else:
            queue_email(kind, recipient=person.email, language=person.language.value,
                        context=values, object_type=object_type, object_id=object_id,
                        now=now)
    return told


def notify_address(kind: str, key: str, *, recipient: str, language: str,
                   context: dict[str, Any], object_type: str, object_id: object,
                   now: datetime, reply_to: str | None = None) -> bool:
    """E-mail someone without an account (a vendor's contact) of hand-off ``key`` once;
    False when they were told already."""
    who = hashlib.sha256(recipient.strip().lower().encode()).hexdigest()[:20]
    if not _first_time(key, f"a{who}", now):
        return False
    queue_email(kind, recipient=recipient, language=language, context=context,
                object_type=object_type, object_id=object_id, now=now, reply_to=reply_to)
    return True
