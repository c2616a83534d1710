"""Recording what the gate asks of a vendor that is not a consignee (issue 22): for a
storage-only cloud, the confirmation that the provider does not handle the data; for a
third-party provision, the APPI Art. 27 ground and the Art. 29 record of provision. Each
function audits; the caller commits."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.contracts.models import (
    Contract,
    ContractType,
    ProvisionBasis,
    TechnicalMeasure,
)
from vendorrisk.foundation.errors import Conflict, ValidationError
from vendorrisk.foundation.extensions import db


@dataclass(frozen=True)
class StorageInput:
    no_handling_reference: str
    technical_measure: str
    technical_note: str


@dataclass(frozen=True)
class ProvisionInput:
    basis: str
    basis_reference: str
    provision_record: str


def _editable(contract: Contract, kind: ContractType) -> None:
    if contract.type != kind:
        raise ValidationError(_("This record belongs to another kind of contract."))
    if contract.terminated_on is not None:
        raise Conflict(_("This contract has ended; its record stays as it was."))


def _text(value: str, limit: int, message: str, field: str) -> str:
    value = value.strip()
    if not value or len(value) > limit:
        raise ValidationError(message, field=field)
    return value


def confirm_storage_only(contract: Contract, data: StorageInput, *, actor: User | None,
                         now: datetime) -> None:
    """The clause barring the provider, the technical measure, how it was confirmed."""
    _editable(contract, ContractType.STORAGE_TERMS)
    reference = _text(data.no_handling_reference, 120, _(
        "Cite the clause of the terms that bars the provider from handling the data (at "
        "most 120 characters)."), "no_handling_reference")
    try:
        measure = TechnicalMeasure(data.technical_measure)
    except ValueError:
        raise ValidationError(_("Choose the technical measure that keeps the provider out "
                                "of the data."), field="technical_measure") from None
    note = _text(data.technical_note, 5000, _(
        "Say how the technical measure was confirmed (at most 5,000 characters)."),
        "technical_note")
    contract.no_handling_reference, contract.technical_measure = reference, measure
    contract.technical_note, contract.updated_at = note, now
    db.session.flush()
    record("contract.storage_confirmed", actor=actor, object_type="contract",
           object_id=contract.id, now=now,
           details={"no_handling_reference": reference, "technical_measure": measure.value,
                    "technical_note": note})


def record_provision_basis(contract: Contract, data: ProvisionInput, *,
                           actor: User | None, now: datetime) -> None:
    """The Art. 27 ground, its evidence, and where the Art. 29 record is kept."""
    _editable(contract, ContractType.PROVISION_BASIS)
    try:
        basis = ProvisionBasis(data.basis)
    except ValueError:
        raise ValidationError(_("Choose the ground of the provision under APPI Art. 27."),
                              field="basis") from None
    evidence = _text(data.basis_reference, 300, _(
        "Name the evidence of the ground: the consent form, the PPC notification, the law, "
        "the joint-use notice (at most 300 characters)."), "basis_reference")
    kept = data.provision_record.strip()
    if len(kept) > 300:
        raise ValidationError(_("Use at most 300 characters."), field="provision_record")
    contract.provision_basis, contract.basis_reference = basis, evidence
    contract.provision_record, contract.updated_at = kept or None, now
    db.session.flush()
    record("contract.provision_basis", actor=actor, object_type="contract",
           object_id=contract.id, now=now,
           details={"basis": basis.value, "basis_reference": evidence,
                    "provision_record": kept or None})
