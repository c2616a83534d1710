"""Recording contracts, their clause references and document versions; keeping them for
as long as the entrusted data is held. Each function audits; the caller commits."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.assessments.evidence import check_file
from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.contracts.clauses import BY_KEY, Coverage, coverage
from vendorrisk.contracts.gate import (
    ContractFacts,
    GateResult,
    ProvisionFacts,
    StorageFacts,
    evaluate,
)
from vendorrisk.contracts.labels import deletion_sentence
from vendorrisk.contracts.models import (
    SETTLED,
    WITH_CHECKLIST,
    Contract,
    ContractClause,
    ContractDocument,
    ContractType,
    Termination,
    TerminationStatus,
)
from vendorrisk.contracts.renewal import MANUAL, open_review
from vendorrisk.contracts.retention import deletion_refusal
from vendorrisk.contracts.status import ContractStatus, Dates, status
from vendorrisk.foundation.errors import Conflict, Problems, ValidationError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import Classification, DataCategory, VendorStatus

# Special-care-required data (APPI Art. 2(3)): an opt-out provision is not open to it.
SPECIAL_CARE = frozenset({DataCategory.SPECIAL_CARE, DataCategory.HEALTH})


@dataclass(frozen=True)
class ContractInput:
    type: str
    title: str
    retention_until: date | None
    reference: str = ""
    counterparty_signatory: str = ""
    signed_on: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    auto_renewal: bool = False
    notice_days: int | None = None
    notice_given_on: date | None = None  # notice not to renew


def _validated(data: ContractInput, today: date, *, kept_until: date | None = None
               ) -> ContractInput:
    """``kept_until``: the contract's current keep-until date, which may only move later.
    Every wrong field is named at once (ValidationErrors)."""
    problems = Problems()
    if data.type not in {kind.value for kind in ContractType}:
        problems.add(_("Choose the kind of contract."), "type")
    if not data.title.strip() or len(data.title.strip()) > 300:
        problems.add(_("Give the contract a title (at most 300 characters)."), "title")
    if data.effective_from and data.effective_to and data.effective_to < data.effective_from:
        problems.add(_("The contract cannot end before it starts."), "effective_to")
    if data.notice_days is not None and not 0 <= data.notice_days <= 3650:
        problems.add(_("The notice period is a number of days (0 to 3650)."), "notice_days")
    kept = data.retention_until
    if kept is None:
        problems.add(_("Say until when the contract must be kept: at least as long as the "
                       "entrusted data is held."), "retention_until")
    elif data.effective_to and kept < data.effective_to:
        problems.add(_("Keep the contract at least until it ends."), "retention_until")
    elif kept_until is None and kept < today:
        problems.add(_("The keep-until date cannot be in the past."), "retention_until")
    elif kept_until is not None and kept < kept_until:
        problems.add(_("The keep-until date can be moved later, never earlier (it was "
                       "%(date)s).", date=kept_until.isoformat()), "retention_until")
    problems.raise_any()
    return data


def _values(data: ContractInput) -> dict[str, object]:
    return {"type": ContractType(data.type), "title": data.title.strip(),
            "reference": data.reference.strip() or None,
            "counterparty_signatory": data.counterparty_signatory.strip() or None,
            "signed_on": data.signed_on, "effective_from": data.effective_from,
            "effective_to": data.effective_to, "auto_renewal": data.auto_renewal,
            "notice_days": data.notice_days if data.auto_renewal else None,
            "notice_given_on": data.notice_given_on if data.auto_renewal else None,
            "retention_until": data.retention_until}


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else getattr(value, "value", value)


def create_contract(vendor: Vendor, data: ContractInput, *, actor: User | None,
                    now: datetime) -> Contract:
    values = _values(_validated(data, now.date()))
    if vendor.status == VendorStatus.TERMINATED or db.session.scalar(
            select(Termination.id).where(Termination.vendor_id == vendor.id,
                                         Termination.status.not_in(SETTLED))):
        raise Conflict(_("The relationship with this vendor has ended; no new contract can "
                         "be recorded."))
    contract = Contract(vendor=vendor, **values, created_by=actor, created_at=now,
                        updated_at=now)
    db.session.add(contract)
    db.session.flush()
    record("contract.created", actor=actor, object_type="contract", object_id=contract.id,
           now=now, details={"vendor_id": vendor.id,
                             **{name: _plain(value) for name, value in values.items()}})
    return contract


def update_contract(contract: Contract, data: ContractInput, *, actor: User,
                    now: datetime) -> dict[str, list[object]]:
    """Change the contract's record; returns (and audits) what changed, before → after.
    A contract with ticked clauses keeps its kind while it has them."""
    values = _values(_validated(data, now.date(), kept_until=contract.retention_until))
    if contract.terminated_on is not None and any(
            getattr(contract, name) != value for name, value in values.items()
            if name != "retention_until"):
        raise Conflict(_("This contract has ended: only its keep-until date can still be "
                         "moved later."))
    if values["type"] != contract.type and contract.clauses \
            and values["type"] not in WITH_CHECKLIST:
        raise ValidationError(_("Untick the clause checklist before changing this contract "
                                "to a kind without one."), field="type")
    changes = {name: [_plain(getattr(contract, name)), _plain(value)]
               for name, value in values.items() if getattr(contract, name) != value}
    ended_on = contract.effective_to
    if changes:
        for name, value in values.items():
            setattr(contract, name, value)
        contract.updated_at = now
        db.session.flush()
        record("contract.updated", actor=actor, object_type="contract",
               object_id=contract.id, now=now, details={"changes": changes})
    if ended_on is not None and contract.effective_to is not None \
            and contract.effective_to > ended_on and contract.signed_on is not None:
        # The term's end moved later: a renewal by hand, whose checklist is reconfirmed.
        open_review(contract, ended_on + timedelta(days=1), MANUAL, actor=actor, now=now)
    return changes


def set_clauses(contract: Contract, references: dict[str, str], *, actor: User | None,
                now: datetime) -> Coverage:
    """Tick the checklist: item key → the clause reference in the document."""
    if contract.type not in WITH_CHECKLIST:
        raise ValidationError(_("Only consignment contracts and DPAs have the clause "
                                "checklist."))
    if contract.terminated_on is not None:
        raise Conflict(_("This contract has ended; its checklist stays as it was."))
    unknown = sorted(set(references) - set(BY_KEY))
    if unknown:
        raise ValidationError(_("Unknown checklist item: %(keys)s.", keys=", ".join(unknown)))
    kept = {key: reference.strip()[:120] for key, reference in references.items()
            if reference.strip()}
    contract.clauses.clear()
    db.session.flush()  # the old rows go before the new ones take their keys
    contract.clauses.extend(ContractClause(clause_key=key, reference=reference)
                            for key, reference in sorted(kept.items()))
    contract.updated_at = now
    db.session.flush()
    result = coverage(kept)
    record("contract.clauses", actor=actor, object_type="contract", object_id=contract.id,
           now=now, details={"references": kept, "coverage": result.summary()})
    return result


def clause_coverage(contract: Contract) -> Coverage:
    return coverage({clause.clause_key: clause.reference for clause in contract.clauses})


def add_document(contract: Contract, *, filename: str, data: bytes, note: str,
                 actor: User | None, now: datetime) -> ContractDocument:
    """A new version of the signed document; earlier versions stay as they were."""
    checked = check_file(filename, data, field="file")
    version = max((document.version for document in contract.documents), default=0) + 1
    document = ContractDocument(
        contract=contract, version=version, sha256=storage().put(data), filename=checked.name,
        content_type=checked.mime, size=len(data), uploaded_by_id=actor and actor.id,
        uploaded_at=now,
        note=note.strip()[:1000] or None)
    db.session.add(document)
    db.session.flush()
    record("contract.document_added", actor=actor, object_type="contract",
           object_id=contract.id, now=now,
           details={"version": version, "file": checked.name, "sha256": document.sha256,
                    "size": len(data)})
    return document


def delete_contract(contract: Contract, *, actor: User, now: datetime) -> None:
    """Only a contract that has ended, past its keep-until date, of a vendor known no
    longer to hold our data (R10; retention.py)."""
    refusal = deletion_refused(contract, now.date())
    if refusal is not None:
        raise Conflict(refusal)
    record("contract.deleted", actor=actor, object_type="contract", object_id=contract.id,
           now=now, details={"title": contract.title, "vendor_id": contract.vendor_id,
                             "documents": [d.sha256 for d in contract.documents]})
    db.session.delete(contract)
    db.session.flush()


def deletion_refused(contract: Contract, today: date) -> str | None:
    """Why ``contract`` cannot be deleted on ``today``, as a sentence; None if it can."""
    refusal = deletion_refusal(
        status=contract_status(contract, today, expiring_days=0).value,
        retention_until=contract.retention_until, today=today,
        data_held=vendor_holds_data(contract.vendor))
    return deletion_sentence(refusal, contract) if refusal else None


def vendor_holds_data(vendor: Vendor) -> bool:
    """Whether ``vendor`` may still hold our data: unless it never handled personal data,
    only a settled end of the relationship with a verified deletion certificate (R19)
    says it does not."""
    if vendor.classification == Classification.NO_PERSONAL_DATA:
        return False
    if vendor.status != VendorStatus.TERMINATED:
        return True
    latest = db.session.scalar(select(Termination).where(Termination.vendor_id == vendor.id)
                               .order_by(Termination.id.desc()).limit(1))
    return latest is None or latest.status != TerminationStatus.VERIFIED


def dates_of(contract: Contract) -> Dates:
    """What the status rules (status.py) read of a contract."""
    return Dates(contract.signed_on, contract.effective_from, contract.effective_to,
                 contract.auto_renewal, contract.notice_given_on, contract.terminated_on)


def contract_status(contract: Contract, today: date, *, expiring_days: int) -> ContractStatus:
    return status(dates_of(contract), today, expiring_days=expiring_days)


def contract_facts(vendor: Vendor, today: date) -> list[ContractFacts]:
    """What the approval gate (gate.py) reads of the vendor's contracts on ``today``."""
    contracts = db.session.scalars(select(Contract).where(Contract.vendor_id == vendor.id)
                                   .order_by(Contract.id))
    return [facts_of(contract, today) for contract in contracts]


def facts_of(contract: Contract, today: date) -> ContractFacts:
    storage_facts = provision = None
    if contract.type == ContractType.STORAGE_TERMS:
        storage_facts = StorageFacts(
            contract.no_handling_reference or "",
            contract.technical_measure.value if contract.technical_measure else "",
            contract.technical_note or "", bool(contract.documents))
    if contract.type == ContractType.PROVISION_BASIS:
        provision = ProvisionFacts(
            contract.provision_basis.value if contract.provision_basis else "",
            contract.basis_reference or "", contract.provision_record or "")
    return ContractFacts(
        contract.type.value, contract_status(contract, today, expiring_days=0).value,
        clause_coverage(contract) if contract.type in WITH_CHECKLIST else None,
        id=contract.id,
        checklist_confirmed=all(review.confirmed_at is not None for review in contract.reviews),
        storage=storage_facts, provision=provision)


def gate_result(vendor: Vendor, today: date) -> GateResult:
    """The contract gate for ``vendor`` on ``today``, by its classification."""
    return evaluate(contract_facts(vendor, today), vendor.classification.value,
                    special_care=bool(vendor.categories & SPECIAL_CARE))
