"""A contract's renewal opens a review task: its clause checklist is confirmed again
(issue 22; DOMAIN §7 lists contract renewal among the triggers). One task per renewal
event — the first day of the renewed term — whether the renewal is automatic (status.py)
or recorded by hand (the term's end moved later), so a job run twice opens one. Until
someone confirms it, the contract shows "clause checklist to be reconfirmed" and a new
approval of the vendor lacks it (gate.py); approvals already signed stand."""

from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role, RoleGrant, User
from vendorrisk.contracts.models import WITH_CHECKLIST, Contract, ContractReview
from vendorrisk.contracts.status import Dates, renewed_on
from vendorrisk.foundation.errors import Conflict, PermissionDenied
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.services import notify_people
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import VendorStatus

AUTO, MANUAL = "auto_renewal", "manual_renewal"


def pending_review(contract: Contract) -> ContractReview | None:
    """The renewal whose checklist still waits to be confirmed."""
    return next((item for item in contract.reviews if item.confirmed_at is None), None)


def _owners(contract: Contract) -> list[User]:
    """The vendor's owner, or procurement when nobody owns it (or the owner is disabled)."""
    owner = contract.vendor.owner
    if owner is not None and owner.active:
        return [owner]
    return list(db.session.scalars(select(User).where(
        User.active.is_(True), User.role_grants.any(RoleGrant.role == Role.PROCUREMENT))
        .order_by(User.id)))


def open_review(contract: Contract, term_start: date, reason: str, *, actor: User | None,
                now: datetime) -> ContractReview | None:
    """The review task of the renewal starting ``term_start``; None if it is open already
    or the contract has no checklist. The owner is told through the outbox."""
    if contract.type not in WITH_CHECKLIST or db.session.scalar(
            select(ContractReview.id).where(ContractReview.contract_id == contract.id,
                                            ContractReview.term_start == term_start)):
        return None
    review = ContractReview(contract_id=contract.id, term_start=term_start, reason=reason,
                            opened_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(review)
    except IntegrityError:  # a second scheduler opened it a moment ago
        return None
    db.session.refresh(contract, ["reviews"])
    record("contract.review_opened", actor=actor, object_type="contract",
           object_id=contract.id, now=now,
           details={"term_start": term_start.isoformat(), "reason": reason})
    notify_people("checklist_reconfirm", _owners(contract), now=now,
                  template="contract_review", object_type="contract", object_id=contract.id,
                  context={"contract": contract, "vendor": contract.vendor,
                           "term_start": term_start,
                           "base_url": current_app.config["BASE_URL"].rstrip("/")})
    return review


def open_renewal_reviews(now: datetime) -> dict[str, int]:
    """The scheduler's job: a review task for each automatic renewal not yet seen."""
    today, opened = now.date(), 0
    contracts = db.session.scalars(select(Contract).where(
        Contract.auto_renewal.is_(True), Contract.terminated_on.is_(None),
        Contract.type.in_(WITH_CHECKLIST),
        Contract.vendor.has(Vendor.status != VendorStatus.TERMINATED)).order_by(Contract.id))
    for contract in contracts:
        start = renewed_on(Dates(contract.signed_on, contract.effective_from,
                                 contract.effective_to, contract.auto_renewal,
                                 contract.notice_given_on, contract.terminated_on), today)
        if start is not None and open_review(contract, start, AUTO, actor=None, now=now):
            opened += 1
    return {"contract_reviews": opened}


def confirm_checklist(contract: Contract, *, actor: User, now: datetime) -> ContractReview:
    """Someone who records or reviews contracts confirms the checklist again after a
    renewal (every renewal still waiting, if two are)."""
    if not actor.has_role(Role.PROCUREMENT, Role.REVIEWER, Role.APPROVER):
        raise PermissionDenied(_("Only procurement, reviewers and approvers confirm a "
                                 "contract's clause checklist."))
    review = pending_review(contract)
    if review is None:
        raise Conflict(_("This contract's clause checklist has nothing to reconfirm."))
    for item in contract.reviews:
        if item.confirmed_at is None:
            item.confirmed_by_id, item.confirmed_at = actor.id, now
    db.session.flush()
    record("contract.checklist_reconfirmed", actor=actor, object_type="contract",
           object_id=contract.id, now=now,
           details={"term_start": review.term_start.isoformat(),
                    "references": {c.clause_key: c.reference for c in contract.clauses}})
    return review
