"""Demo contracts: an NDA and a complete consignment contract for the vendors the demo
approves (the approval gate asks for both), and the register's other cases."""

from datetime import datetime, timedelta

from sqlalchemy import select

from vendorrisk.auth.models import User
from vendorrisk.contracts.clauses import MANDATORY
from vendorrisk.contracts.models import Termination
from vendorrisk.contracts.services import ContractInput, create_contract, set_clauses
from vendorrisk.contracts.termination import TerminationInput, record_termination
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor


def give_contracts(vendor: Vendor, *, actor: User | None, now: datetime) -> None:
    """An NDA and a consignment contract ticked for every mandatory item, in force for a
    year and kept five years beyond."""
    today = now.date()
    dates = {"signed_on": today - timedelta(days=10), "effective_from": today - timedelta(days=7),
             "effective_to": today + timedelta(days=358),
             "retention_until": today + timedelta(days=358 + 5 * 365)}
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
