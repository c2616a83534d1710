"""Demo contracts: an NDA and a complete consignment contract for the vendors the demo
approves (the approval gate asks for both)."""

from datetime import datetime, timedelta

from vendorrisk.auth.models import User
from vendorrisk.contracts.clauses import MANDATORY
from vendorrisk.contracts.services import ContractInput, create_contract, set_clauses
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
