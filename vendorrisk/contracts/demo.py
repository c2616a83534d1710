"""Demo contracts: what the approval gate asks of each classification for the vendors
the demo approves (an NDA and a complete consignment contract for a consignee), the
storage-only cloud's and the third-party provision's records, and the register's other
cases."""

from datetime import datetime, timedelta

from sqlalchemy import select

from vendorrisk.auth.models import User
from vendorrisk.contracts.basis import (
    ProvisionInput,
    StorageInput,
    confirm_storage_only,
    record_provision_basis,
)
from vendorrisk.contracts.clauses import MANDATORY
from vendorrisk.contracts.models import Termination
from vendorrisk.contracts.services import (
    ContractInput,
    add_document,
    create_contract,
    set_clauses,
)
from vendorrisk.contracts.termination import TerminationInput, record_termination
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import Classification

TERMS_PDF = b"%PDF-1.4\n% cloud storage terms of service\n%%EOF\n"


def give_contracts(vendor: Vendor, *, actor: User | None, now: datetime) -> None:
    """What the approval gate asks of ``vendor``'s classification, in force for a year and
    kept five years beyond: an NDA and a consignment contract ticked for every mandatory
    item; for a storage-only cloud its terms with the no-handling confirmation; for a
    third-party provision its ground and record."""
    today = now.date()
    dates = {"signed_on": today - timedelta(days=10), "effective_from": today - timedelta(days=7),
             "effective_to": today + timedelta(days=358),
             "retention_until": today + timedelta(days=358 + 5 * 365)}
    if vendor.classification == Classification.STORAGE_ONLY_CLOUD:
        terms = create_contract(vendor, ContractInput(
            type="storage_terms", title="Cloud storage terms of service", reference="TOS-1",
            **dates), actor=actor, now=now)
        add_document(terms, filename="terms.pdf", data=TERMS_PDF, note="", actor=actor,
                     now=now)
        confirm_storage_only(terms, StorageInput(
            "§4.2 no access to customer content", "encryption_own_keys",
            "Backups are encrypted before upload with keys held in our own KMS."),
            actor=actor, now=now)
        return
    if vendor.classification == Classification.THIRD_PARTY_PROVISION:
        basis = create_contract(vendor, ContractInput(
            type="provision_basis", title="Provision of delivery addresses",
            reference="PROV-1", **dates), actor=actor, now=now)
        record_provision_basis(basis, ProvisionInput(
            "consent", "Checkout consent text v3", "Provision ledger, sheet 2026"),
            actor=actor, now=now)
        return
    create_contract(vendor, ContractInput(type="nda", title="Non-disclosure agreement",
                                          reference="NDA-1", **dates), actor=actor, now=now)
    contract = create_contract(vendor, ContractInput(
        type="consignment_contract", title="Personal information consignment agreement",
        reference="PI-1", **dates), actor=actor, now=now)
    references = {clause.key: f"Art. {number}" for number, clause in enumerate(MANDATORY, 3)}
    set_clauses(contract, {**references, "confidentiality": "Art. 2"}, actor=actor, now=now)


def load_contract_demo(*, now: datetime) -> None:
    """Once: an NDA about to expire and a consignment contract missing clause (e) for the
    printer, and a data centre whose contracts ended and whose deletion certificate is
    overdue."""
    if db.session.scalar(select(Termination.id).limit(1)) is not None:
        return
    actor = db.session.scalar(select(User).where(User.email == "procurement@example.com"))
    today = now.date()
    printer = db.session.scalar(select(Vendor).where(
        Vendor.legal_name == "Minato Print & Mail Inc."))
    if printer is not None:
        signed = today - timedelta(days=340)
        create_contract(printer, ContractInput(
            type="nda", title="Mutual non-disclosure agreement", reference="NDA-2025-031",
            counterparty_signatory="Ken Ito, General Manager", signed_on=signed,
            effective_from=signed, effective_to=today + timedelta(days=25),
            retention_until=today + timedelta(days=25 + 5 * 365)), actor=actor, now=now)
        contract = create_contract(printer, ContractInput(
            type="consignment_contract", title="Printing and mailing consignment agreement",
            reference="PI-2025-044", counterparty_signatory="Ken Ito, General Manager",
            signed_on=signed, effective_from=signed, effective_to=signed + timedelta(days=729),
            auto_renewal=True, notice_days=90,
            retention_until=signed + timedelta(days=729 + 5 * 365)), actor=actor, now=now)
        set_clauses(contract, {clause.key: f"Art. {number}" for number, clause
                               in enumerate(MANDATORY, 3) if clause.key != "e"},
                    actor=actor, now=now)
    for name in ("Nimbus Object Storage Ltd.", "Kanto Logistics Partners"):
        other = db.session.scalar(select(Vendor).where(Vendor.legal_name == name))
        if other is not None:  # the storage-only and third-party cases of the gate
            give_contracts(other, actor=actor, now=now)
    data_centre = db.session.scalar(select(Vendor).where(
        Vendor.legal_name == "Harbour Data Centre Pte. Ltd."))
    if data_centre is not None and actor is not None:
        start = today - timedelta(days=800)
        create_contract(data_centre, ContractInput(
            type="dpa", title="Data processing agreement (hosting)", reference="DPA-2024-007",
            signed_on=start, effective_from=start, retention_until=today + timedelta(days=1800)),
            actor=actor, now=now)
        record_termination(data_centre, TerminationInput(
            terminated_on=today - timedelta(days=45), due_on=today - timedelta(days=15),
            reason="Hosting moved to another provider."), actor=actor, now=now)
