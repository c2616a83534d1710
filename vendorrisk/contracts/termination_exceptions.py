"""Ending a relationship without a verified deletion certificate: an exception (risk
acceptance, acceptance/) asked for and decided for the termination."""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.acceptance.models import ExceptionStatus, RiskException
from vendorrisk.acceptance.services import add_exception, decide_exception
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.models import (
    Termination,
    TerminationStatus,
)
from vendorrisk.contracts.termination import ensure_open, settle
from vendorrisk.foundation.errors import Conflict, NotFound, PermissionDenied
from vendorrisk.foundation.extensions import db

SUBJECT_PREFIX = "termination:"  # the subject of an exception that settles a termination


def exception_subject(termination: Termination) -> str:
    return f"{SUBJECT_PREFIX}{termination.id}"


def request_termination_exception(termination: Termination, *, rationale: str,
                                  compensating_measures: str, expires_on: date | None,
                                  actor: User, now: datetime) -> RiskException:
    """Ask an approver to accept ending the relationship without a verified certificate
    (the vendor has gone out of business, say)."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers ask for exceptions."))
    ensure_open(termination)
    if any(item.status == ExceptionStatus.REQUESTED for item in termination_exceptions(
            termination)):
        raise Conflict(_("An exception for this termination is already waiting for a "
                         "decision."))
    return add_exception(termination.vendor, None, subject=exception_subject(termination),
                         rationale=rationale, compensating_measures=compensating_measures,
                         expires_on=expires_on, actor=actor, now=now)


def decide_termination_exception(termination: Termination, exception: RiskException, *,
                                 approve: bool, note: str, actor: User,
                                 now: datetime) -> None:
    if exception.subject != exception_subject(termination):
        raise NotFound(_("There is no such exception."))
    ensure_open(termination)
    decide_exception(exception, approve=approve, note=note, actor=actor, now=now)
    if approve:
        settle(termination, TerminationStatus.EXCEPTED, actor=actor, now=now)


def termination_exceptions(termination: Termination) -> list[RiskException]:
    return list(db.session.scalars(select(RiskException).where(
        RiskException.vendor_id == termination.vendor_id,
        RiskException.subject == exception_subject(termination)).order_by(RiskException.id)))
