"""Respondent links: a random 256-bit token whose SHA-256 alone is stored."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute, contains_eager

from vendorrisk.assessments.models import Assessment, LinkUse, Respondent
from vendorrisk.assessments.workflow import EDITABLE, READABLE
from vendorrisk.audit.models import AuditEvent
from vendorrisk.audit.services import record
from vendorrisk.foundation.errors import DomainError, NotFound
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.models import StandardVersion


@dataclass(frozen=True)
class Contact:
    """Whom a respondent asks about a link that no longer works."""

    name: str
    email: str


class LinkClosed(DomainError):
    """A link that no longer opens its questionnaire: since when (``since``, if known)
    and whom to ask (``contact``, if known), for the page that says so."""

    reason = "closed"

    def __init__(self, message: str, *, since: datetime | None = None,
                 contact: Contact | None = None) -> None:
        super().__init__(message)
        self.since, self.contact = since, contact


class LinkExpired(LinkClosed):
    """The link's time is over, or its questionnaire was closed (410)."""

    status_code = 410
    reason = "expired"


class LinkQuestionnaireClosed(LinkExpired):
    """The questionnaire was cancelled or expired (410)."""

    reason = "closed"


class LinkReplaced(LinkExpired):
    """A newer link was sent to the same person; this one stopped working then (410)."""

    reason = "replaced"


class LinkRevoked(LinkClosed):
    """The link was withdrawn by the company (403)."""

    status_code = 403
    reason = "withdrawn"


REPLACED_LINK = "respondent_link"  # the audit object type of a replaced link's hash


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh random 256-bit link token and its hash (only the hash is kept)."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def find_by_token(column: InstrumentedAttribute[str | None], token: str, *,
                  for_change: bool = False, unknown: str | None = None) -> Any:
    """The row whose hash ``column`` holds the token's hash (locked for the rest of the
    transaction when ``for_change``); NotFound for a malformed or unknown token."""
    if not token or len(token) > 100:
        raise NotFound(_("This link is not valid. Check that you copied all of it."))
    statement = select(column.class_).where(column == token_hash(token))
    row = db.session.scalar(statement.with_for_update() if for_change else statement)
    if row is None:
        raise NotFound(unknown or _("This link is not valid. Check that you copied all "
                                    "of it."))
    return row


def find_resent_link(column: InstrumentedAttribute[str | None], token: str, *,
                     for_change: bool = False) -> Any:
    """The row of a link that is sent again rather than kept (deletion, incident and
    request links): NotFound says a newer link may have replaced this one."""
    return find_by_token(column, token, for_change=for_change, unknown=_(
        "This link is not valid, or a newer link has replaced it."))


def refuse_expired(expires_at: datetime | None, now: datetime) -> None:
    """LinkExpired once ``expires_at`` has come, naming whom to ask for a new link."""
    if expires_at is not None and now >= expires_at:
        raise LinkExpired(_("This link has expired. Ask %(company)s for a new one.",
                            company=current_app.config["COMPANY_NAME"]))


def issue_token(respondent: Respondent, now: datetime, *, until: date | None = None) -> str:
    """Give ``respondent`` a new link (any older one stops working) that works until
    ``until`` (by default the assessment's due date) plus the grace days; return the raw
    token."""
    token = secrets.token_urlsafe(32)
    due = until or respondent.assessment.due_on
    if respondent.token_hash is not None:
        _remember_replaced(respondent, now)
    respondent.token_hash = token_hash(token)
    respondent.issued_at = now
    respondent.revoked_at = None
    respondent.expires_at = link_expiry(due, now)
    return token


def _remember_replaced(respondent: Respondent, now: datetime) -> None:
    """Keep the replaced link's hash (never the token) in the audit log, keyed by it, so
    that the old link can say it was replaced, when, and whom to ask."""
    record("assessment.link_replaced", actor=None, object_type=REPLACED_LINK,
           object_id=respondent.token_hash, now=now,
           details={"assessment": respondent.assessment_id, "respondent": respondent.id})


def link_expiry(due: date, now: datetime) -> datetime:
    """A link works through its due date and the grace days after it (the end of that
    last day)."""
    grace = timedelta(days=int(current_app.config["LINK_GRACE_DAYS"]))
    return datetime(due.year, due.month, due.day, tzinfo=now.tzinfo) + grace \
        + timedelta(days=1)


def portal_url(token: str) -> str:
    """The address a respondent opens (BASE_URL + /portal/<token>)."""
    return f"{current_app.config['BASE_URL'].rstrip('/')}/portal/{token}"


# One round trip brings the respondent, the assessment, its standard and its answers: every
# portal request needs all four. Built once: the portal runs it on every request, and a
# statement built anew costs more than the database's answer (its cache key, its options).
_LOOKUP = (select(Respondent).join(Respondent.assessment)
           .where(Respondent.token_hash == bindparam("hash"))
           .options(contains_eager(Respondent.assessment)
                    .joinedload(Assessment.standard_version, innerjoin=True)
                    # Its definition is cached by checksum; the rest loads if ever read.
                    .load_only(StandardVersion.checksum),
                    contains_eager(Respondent.assessment).joinedload(Assessment.answers)))
_LOCKING_LOOKUP = _LOOKUP.with_for_update(of=Assessment)
_LOG_USE = insert(LinkUse.__table__)


def resolve(token: str, now: datetime, *, for_change: bool = False) -> Respondent:
    """The respondent of a live link; otherwise NotFound, LinkReplaced, LinkRevoked,
    LinkQuestionnaireClosed or LinkExpired.

    ``for_change`` locks the assessment for the rest of the transaction, so that no two
    requests change its answers or its state at once (a save cannot slip in after a
    submission, nor two saves of one answer both win).
    """
    if not token or len(token) > 100:
        raise NotFound(_("This link is not valid. Check that you copied all of it."))
    statement = _LOCKING_LOOKUP if for_change else _LOOKUP
    respondent = db.session.scalars(statement, {"hash": token_hash(token)}).unique().first()
    if respondent is not None and for_change:
        lock_without_row_locks(respondent.assessment)
    if respondent is None:
        raise _unknown_or_replaced(token)
    assessment = respondent.assessment
    if respondent.revoked_at is not None:
        raise LinkRevoked(_("This link has been withdrawn. Ask %(name)s for a new one.",
                            name=_contact_name(respondent)), since=respondent.revoked_at,
                          contact=owner_contact(assessment))
    if assessment.status not in EDITABLE | READABLE:
        raise LinkQuestionnaireClosed(_("This questionnaire is closed. Please contact "
                                        "%(name)s.", name=_contact_name(respondent)),
                                      since=_closed_at(assessment),
                                      contact=owner_contact(assessment))
    if respondent.expires_at and respondent.expires_at <= now \
            and assessment.status not in READABLE:
        raise LinkExpired(_("This questionnaire is closed. Please contact %(name)s.",
                            name=_contact_name(respondent)), since=respondent.expires_at,
                          contact=owner_contact(assessment))
    return respondent


def _unknown_or_replaced(token: str) -> DomainError:
    """LinkReplaced for a link a newer one replaced (the audit log keeps its hash), else
    NotFound: an unknown link says nothing about any questionnaire."""
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.object_type == REPLACED_LINK,
                                 AuditEvent.object_id == token_hash(token))
        .order_by(AuditEvent.seq.desc()).limit(1)).first()
    respondent = event and db.session.get(Respondent, event.details.get("respondent"))
    if respondent is None:
        return NotFound(_("This link is not valid. Check that you copied all of it."))
    contact = owner_contact(respondent.assessment)
    return LinkReplaced(_("A newer link to this questionnaire was sent to %(email)s, and this "
                          "one stopped working then. Open the link in the newest e-mail.",
                          email=respondent.email), since=event.occurred_at, contact=contact)


def _closed_at(assessment: Assessment) -> datetime | None:
    """When the questionnaire was cancelled or expired (its audit event), if recorded."""
    return db.session.scalar(
        select(AuditEvent.occurred_at).where(
            AuditEvent.object_type == "assessment", AuditEvent.object_id == str(assessment.id),
            AuditEvent.action.in_(("assessment.cancel", "assessment.expire")))
        .order_by(AuditEvent.seq.desc()).limit(1))


def owner_contact(assessment: Assessment) -> Contact | None:
    """The assessment's owner, whom the respondent asks: who created it, else who sent
    it, else the vendor's internal owner."""
    owner = assessment.created_by or assessment.sent_by or assessment.vendor.owner
    return Contact(owner.name, owner.email) if owner else None


def lock_without_row_locks(assessment: Assessment) -> None:
    """SQLite has no row locks: a no-op write takes its database write lock, then the
    assessment and its answers are read again as they now stand."""
    if db.session.get_bind().dialect.name == "postgresql":
        return  # FOR UPDATE in resolve() holds the row
    db.session.execute(update(Assessment).where(Assessment.id == assessment.id)
                       .values(status=Assessment.status))
    db.session.refresh(assessment, ["status", "answers"])


def log_use(respondent: Respondent, action: str, *, ip: str | None, user_agent: str | None,
            now: datetime) -> None:
    """Record one use of a link: when, what, from where (never the token). A plain INSERT:
    every portal request writes one, and nothing reads the row back."""
    db.session.execute(_LOG_USE, {"respondent_id": respondent.id, "used_at": now,
                                  "action": action, "ip": ip,
                                  "user_agent": (user_agent or "")[:300]})


def last_uses(assessment: Assessment) -> dict[int, datetime]:
    """Respondent id → when their link was last used."""
    return dict(db.session.execute(
        select(LinkUse.respondent_id, func.max(LinkUse.used_at))
        .join(Respondent).where(Respondent.assessment_id == assessment.id)
        .group_by(LinkUse.respondent_id)).all())


def _contact_name(respondent: Respondent) -> str:
    creator = respondent.assessment.created_by
    return f"{creator.name} <{creator.email}>" if creator else _("the company that sent it")
