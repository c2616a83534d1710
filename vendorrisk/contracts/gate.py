"""What an approval needs from the vendor's contracts (issue 7, R9). Pure: no Flask, no
database.

An active NDA — or an active consignment contract with a confidentiality clause — and an
active consignment contract covering every mandatory checklist item (JIS a–h).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from vendorrisk.contracts.clauses import Coverage

IN_FORCE = frozenset({"active", "expiring"})
# Exception subjects for the contract gaps (an approved exception naming one lifts it).
NO_NDA = "contract:nda"
NO_CONSIGNMENT_CONTRACT = "contract:consignment"
MISSING_CLAUSES = "contract:clauses"


@dataclass(frozen=True)
class ContractFacts:
    type: str
    status: str
    coverage: Coverage | None  # for consignment contracts and DPAs


@dataclass(frozen=True)
class ContractGap:
    subject: str  # one of the subjects above
    detail: str = ""  # the missing clauses, for MISSING_CLAUSES


def contract_gaps(contracts: Iterable[ContractFacts]) -> list[ContractGap]:
    """The contract gaps that stand between the vendor and an approval; empty when none."""
    in_force = [c for c in contracts if c.status in IN_FORCE]
    consignment = [c for c in in_force if c.type == "consignment_contract"]
    gaps = []
    confidential = any(c.type == "nda" for c in in_force) or any(
        c.coverage is not None and any(x.key == "confidentiality"
                                       for x in c.coverage.recommended_met)
        for c in consignment)
    if not confidential:
        gaps.append(ContractGap(NO_NDA))
    if not consignment:
        gaps.append(ContractGap(NO_CONSIGNMENT_CONTRACT))
    elif not any(c.coverage is not None and c.coverage.complete for c in consignment):
        best = max((c.coverage for c in consignment if c.coverage is not None),
                   key=lambda cov: len(cov.mandatory_met), default=None)
        missing = best.mandatory_missing if best else ()
        gaps.append(ContractGap(MISSING_CLAUSES,
                                ", ".join(f"({c.key}) {c.text}" for c in missing)))
    return gaps
