"""Notices to staff: contracts and NDAs about to end, exceptions and vendors' certificates
about to expire, overdue findings, overdue deletion certificates, overdue questionnaires
(escalation), stale country records, the yearly Rule 18 check of a provision abroad that
relies on a conforming system. Each goes
out once per step (ledger keys), in the recipient's language, through the outbox."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import selectinload

from vendorrisk.acceptance.models import ExceptionStatus, RiskException
from vendorrisk.auth.models import Role, RoleGrant, User
from vendorrisk.contracts.models import OPEN as OPEN_TERMINATIONS
from vendorrisk.contracts.models import Contract, Termination
from vendorrisk.contracts.services import dates_of
from vendorrisk.contracts.status import renews, term_end
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim_all, taken
from vendorrisk.notifications.services import notify_people
from vendorrisk.review.findings import awaiting_remediation
from vendorrisk.review.models import Finding
from vendorrisk.supervision.certificates import certificates
from vendorrisk.supervision.steps import before_step
from vendorrisk.vendors.crossborder import NEEDS_RULE18, check_due_on
from vendorrisk.vendors.crossborder_models import CrossBorderRecord, Rule18Check
from vendorrisk.vendors.models import CountryRecord, Vendor
from vendorrisk.vendors.services.country_records import RECORD_VALID_DAYS, countries_in_use
from vendorrisk.vendors.vocabulary import SUPERVISED

BATCH = 500


def _procurement() -> list[User]:
    return list(db.session.scalars(select(User).where(
        User.active.is_(True), User.role_grants.any(RoleGrant.role == Role.PROCUREMENT))
        .order_by(User.id)))


def recipients_for(vendor: Vendor, spec: str, extra: tuple[User | None, ...] = ()
                   ) -> list[User]:
    """Who hears about ``vendor``: ``spec`` names "owner" and/or "procurement" (a
    setting); ``extra`` people are added. Nobody twice, nobody disabled."""
    wanted = {part.strip() for part in spec.split(",")}
    people: list[User | None] = list(extra)
    if "owner" in wanted:
        people.append(vendor.owner)
    if "procurement" in wanted or (vendor.owner is None and not any(extra)):
        people.extend(_procurement())  # nobody owns the vendor: procurement hears of it
    seen, result = set(), []
    for person in people:
        if person is not None and person.active and person.id not in seen:
            seen.add(person.id)
            result.append(person)
    return result


def notify_staff(notice: str, vendor: Vendor, *, now: datetime, recipients: str,
                 context: dict[str, Any], object_type: str, object_id: object,
                 extra: tuple[User | None, ...] = ()) -> int:
    """Queue the ``notice`` e-mail about ``vendor`` to each recipient; return how many."""
    return notify_people(notice, recipients_for(vendor, recipients, extra), now=now,
                         context={"vendor": vendor, **context}, object_type=object_type,
                         object_id=object_id)


def _offsets() -> tuple[int, ...]:
    return tuple(int(day) for day in current_app.config["EXPIRY_NOTICE_DAYS"])


Action = tuple[str, Callable[[], int]]  # a ledger key and what to do the first time


def once_each(actions: Iterable[Action], *, job: str, now: datetime) -> int:
    """Do each action whose key is new; return the sum of what they return. Keys are
    checked and claimed a batch at a time, so yesterday's cost next to nothing."""
    total, batch = 0, []
    for action in actions:
        batch.append(action)
        if len(batch) == BATCH:
            total += _do_new(batch, job, now)
            batch = []
    return total + _do_new(batch, job, now)


def _do_new(batch: list[Action], job: str, now: datetime) -> int:
    # Most candidates were done on an earlier day: a read skips them, cheaper than
    # trying to insert each again.
    done_before = taken([key for key, _ in batch])
    new = claim_all([key for key, _ in batch if key not in done_before], job=job, now=now)
    chosen = [act for key, act in batch if key in new]
    # The vendors (and owners) of the batch in one query, held while the actions run;
    # the e-mails are flushed together afterwards, one INSERT for the batch.
    ids = {act.vendor_id for act in chosen if isinstance(act, _Notice)}
    held = list(db.session.scalars(select(Vendor).where(Vendor.id.in_(ids))
                                   .options(selectinload(Vendor.owner)))) if ids else []
    with db.session.no_autoflush:
        done = sum(act() for act in chosen)
    del held
    return done


@dataclass(frozen=True)
class _Notice:
    """E-mail ``notice`` about ``about`` (object type and id) to the vendor's people. The
    vendor is read only when it is sent: most candidates were noticed on an earlier day."""

    notice: str
    vendor_id: int
    now: datetime
    about: tuple[str, object]
    context: dict[str, Any]
    extra: tuple = ()

    def __call__(self) -> int:
        return notify_staff(self.notice, db.session.get(Vendor, self.vendor_id), now=self.now,
                            extra=self.extra,
                            recipients=current_app.config["NOTICE_RECIPIENTS"],
                            context=self.context, object_type=self.about[0],
                            object_id=self.about[1])


def _notify(notice: str, vendor_id: int, now: datetime, *, extra: tuple = (),
            about: tuple[str, object] | None = None, **context: Any) -> _Notice:
    """The notice about ``about``, by default the first object in ``context``."""
    if about is None:
        object_type, subject = next(iter(context.items()))
        about = (object_type, subject.id)
    return _Notice(notice, vendor_id, now, about, context, extra)


def _contract_notices(now: datetime) -> Iterator[Action]:
    today, offsets = now.date(), _offsets()
    horizon = today + timedelta(days=max(offsets, default=0))
    statement = (select(Contract).where(
        Contract.terminated_on.is_(None), Contract.signed_on.is_not(None),
        Contract.effective_to.is_not(None),
        # an auto-renewing contract's current term may end later than its first
        or_(and_(Contract.effective_to >= today, Contract.effective_to <= horizon),
            Contract.notice_given_on.is_not(None)))
        .order_by(Contract.id).execution_options(yield_per=BATCH))
    for contract in db.session.scalars(statement):
        dates = dates_of(contract)
        ends = term_end(dates, today)
        step = None if ends is None or renews(dates, ends) else before_step(ends, today,
                                                                             offsets)
        if step is not None:
            yield (f"contract:{contract.id}:{ends}:{step}",
                   _notify("contract_expiring", contract.vendor_id, now, contract=contract,
                           ends_on=ends, days=(ends - today).days))


def _exception_notices(now: datetime) -> Iterator[Action]:
    today, offsets = now.date(), _offsets()
    statement = (select(RiskException).where(
        RiskException.status == ExceptionStatus.APPROVED, RiskException.expires_on >= today,
        RiskException.expires_on <= today + timedelta(days=max(offsets, default=0)))
        .order_by(RiskException.id))
    for exception in db.session.scalars(statement):
        step = before_step(exception.expires_on, today, offsets)
        if step is not None:
            yield (f"exception:{exception.id}:{exception.expires_on}:{step}",
                   _notify("exception_expiring", exception.vendor_id, now, exception=exception,
                           days=(exception.expires_on - today).days,
                           extra=(exception.requested_by, exception.decided_by)))


def _finding_notices(now: datetime) -> Iterator[Action]:
    findings = db.session.scalars(select(Finding).where(
        awaiting_remediation(), Finding.due_on < now.date())
        .options(selectinload(Finding.owner))
        .order_by(Finding.id).execution_options(yield_per=BATCH))
    for finding in findings:
        yield (f"finding:{finding.id}:{finding.due_on}",
               _notify("finding_overdue", finding.vendor_id, now, finding=finding,
                       extra=(finding.owner,)))


def _deletion_notices(now: datetime) -> Iterator[Action]:
    terminations = db.session.scalars(select(Termination).where(
        Termination.status.in_(OPEN_TERMINATIONS), Termination.due_on < now.date())
        .order_by(Termination.id))
    for termination in terminations:
        yield (f"deletion:{termination.id}:{termination.due_on}",
               _notify("deletion_overdue", termination.vendor_id, now, termination=termination,
                       extra=(termination.recorded_by,)))


def _country_notices(now: datetime) -> Iterator[Action]:
    """Countries where vendors on the register handle data whose regime record is missing or
    more than a year old (R15, R16): the reviewers and approvers who keep them hear, once per
    record."""
    today, home = now.date(), current_app.config["HOME_COUNTRY"]
    records = {record.country: record for record in db.session.scalars(select(CountryRecord))}
    keepers = list(db.session.scalars(select(User).where(
        User.active.is_(True), User.role_grants.any(RoleGrant.role.in_(
            [Role.REVIEWER, Role.APPROVER]))).order_by(User.id)))
    for code, vendors in sorted(countries_in_use(home).items()):
        record = records.get(code)
        if record is not None and record.checked_on >= today - timedelta(
                days=RECORD_VALID_DAYS):
            continue
        checked_on = record.checked_on if record else None
        yield (f"country:{code}:{checked_on or 'missing'}",
               lambda code=code, checked_on=checked_on, vendors=vendors: notify_people(
                   "country_record_stale", keepers, now=now,
                   context={"country": code, "checked_on": checked_on, "vendors": vendors},
                   object_type="country", object_id=code))


def _certificate_notices(now: datetime) -> Iterator[Action]:
    """A vendor's PrivacyMark or ISO/IEC 27001 certificate about to expire (the date it gave
    in its latest signed answers): its owner hears at each offset, once."""
    today, offsets = now.date(), _offsets()
    for certificate in certificates():
        step = before_step(certificate.expires_on, today, offsets)
        if step is None:
            continue
        yield (f"certificate:{certificate.vendor_id}:{certificate.question_id}:"
               f"{certificate.expires_on}:{step}",
               _notify("certificate_expiring", certificate.vendor_id,
                       now, certificate=certificate, days=(certificate.expires_on - today).days,
                       about=("assessment", certificate.assessment_id)))


def _rule18_notices(now: datetime) -> Iterator[Action]:
    """Supervised vendors whose provision to a country relies on a conforming system
    (APPI Art. 28; vendors/crossborder.py), once their yearly Rule 18 check is due: once
    per due date. Recording the check moves the date a year on, which closes the
    reminder; a provision on another basis has no such check."""
    today = now.date()
    last = (select(func.max(Rule18Check.checked_on))
            .where(Rule18Check.record_id == CrossBorderRecord.id).scalar_subquery())
    rows = db.session.execute(
        select(CrossBorderRecord, last).join(Vendor, Vendor.id == CrossBorderRecord.vendor_id)
        .where(CrossBorderRecord.basis.in_(NEEDS_RULE18), Vendor.status.in_(SUPERVISED))
        .order_by(CrossBorderRecord.id)).all()
    for entry, last_check in rows:
        due = check_due_on(entry.basis, entry.evidenced_on, last_check)
        if due is not None and due <= today:
            yield (f"rule18:{entry.id}:{due.isoformat()}",
                   _notify("rule18_check_due", entry.vendor_id, now, year=due.year,
                           countries=[entry.country], about=("vendor", entry.vendor_id)))


NOTICES = {"contract_expiring": _contract_notices, "exception_expiring": _exception_notices,
           "finding_overdue": _finding_notices, "deletion_overdue": _deletion_notices,
           "country_record_stale": _country_notices,
           "certificate_expiring": _certificate_notices, "rule18_check_due": _rule18_notices}


def send_due_notices(now: datetime) -> dict[str, int]:
    """The day's notices to staff, each once; counts the e-mails queued."""
    counts = {name: once_each(actions(now), job="notices", now=now)
              for name, actions in NOTICES.items()}
    return {name: count for name, count in counts.items() if count}
