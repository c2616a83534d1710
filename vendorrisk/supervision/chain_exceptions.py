"""An exception (risk acceptance, acceptance/) that lets a consignee use a sub-consignee
that holds no current evaluation of its own (docs/rules.md#the-chain-of-sub-consignees):
asked for by a reviewer or approver, decided by another approver, on the consignee's
record with the subject ``chain:<sub-consignee id>`` (vendors/chain.py), which is what
approving the link reads (vendors/services/chain_checks.py)."""

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.acceptance.models import ExceptionStatus, RiskException
from vendorrisk.acceptance.services import add_exception, decide_exception
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.errors import Conflict, NotFound, PermissionDenied
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.chain import chain_subject
from vendorrisk.vendors.models import SubConsignment
from vendorrisk.vendors.vocabulary import SubConsignmentStatus


def chain_exceptions(link: SubConsignment) -> list[RiskException]:
    """The exceptions asked for the link's sub-consignee on the consignee's record."""
    return list(db.session.scalars(select(RiskException).where(
        RiskException.vendor_id == link.vendor_id,
        RiskException.subject == chain_subject(link.sub_vendor_id)).order_by(RiskException.id)))


def request_chain_exception(link: SubConsignment, *, rationale: str,
                            compensating_measures: str, expires_on: date | None,
                            actor: User, now: datetime) -> RiskException:
    """Ask an approver to accept the sub-consignee without its own evaluation (a cloud
    provider that answers no questionnaire, say)."""
    if not actor.has_role(Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only reviewers and approvers ask for exceptions."))
    if link.status == SubConsignmentStatus.REFUSED:
        raise Conflict(_("This sub-consignee was refused; there is nothing to accept."))
    if any(item.status == ExceptionStatus.REQUESTED for item in chain_exceptions(link)):
        raise Conflict(_("An exception for this sub-consignee is already waiting for a "
                         "decision."))
    return add_exception(link.vendor, None, subject=chain_subject(link.sub_vendor_id),
                         rationale=rationale, compensating_measures=compensating_measures,
                         expires_on=expires_on, actor=actor, now=now)


def decide_chain_exception(link: SubConsignment, exception: RiskException, *, approve: bool,
                           note: str, actor: User, now: datetime) -> None:
    """Another approver accepts or refuses it (acceptance.decide_exception)."""
    if exception.vendor_id != link.vendor_id or exception.subject != chain_subject(
            link.sub_vendor_id):
        raise NotFound(_("There is no such exception."))
    decide_exception(exception, approve=approve, note=note, actor=actor, now=now)
