"""What an approval needs from the vendor's contracts, per classification (R2, R9; issue
22). Pure: no Flask, no database.

- **consignment** (APPI Art. 25): confidentiality — an NDA, or a consignment contract or
  DPA with a confidentiality clause — and a consignment contract or DPA covering every
  mandatory checklist item (JIS a–h) whose checklist is confirmed since its last renewal;
- **storage-only cloud** (PPC Q&A 7-53): no consignment contract, but the confirmation,
  contractual and technical, that the provider does not handle the data: a storage-terms
  record citing the clause that bars the provider from handling it, the technical measure
  that keeps it out (our own keys, no access by the provider), and the document as evidence;
- **third-party provision** (APPI Art. 27): not a consignment, so no clause checklist;
  a provision-basis record naming the Art. 27 ground with its evidence, and — where Art.
  29(1) asks for one (consent, opt-out) — where the record of provision is kept;
- **no personal data**: no contract gate.

Each gap is an exception subject: an approved, unexpired exception naming it lifts it.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from vendorrisk.contracts.clauses import Coverage

IN_FORCE = frozenset({"active", "expiring"})
WITH_CHECKLIST = frozenset({"consignment_contract", "dpa"})
# Exception subjects for the contract gaps (an approved exception naming one lifts it).
NO_NDA = "contract:nda"
NO_CONSIGNMENT_CONTRACT = "contract:consignment"
MISSING_CLAUSES = "contract:clauses"
CHECKLIST_UNCONFIRMED = "contract:reconfirm"
NO_STORAGE_CONFIRMATION = "contract:storage_only"
NO_PROVISION_BASIS = "contract:provision_basis"
NO_PROVISION_RECORD = "contract:provision_record"
# The Art. 27 grounds for which Art. 29(1) asks the provider to keep a record of the
# provision (its proviso exempts the Art. 27(1) items and the Art. 27(5) cases).
RECORD_REQUIRED = frozenset({"consent", "opt_out"})
# Art. 27(2) proviso: special-care-required data cannot be provided by opt-out.
OPT_OUT = "opt_out"


@dataclass(frozen=True)
class StorageFacts:
    """The confirmation that a storage-only provider does not handle the data."""

    no_handling_reference: str  # the clause in the terms barring the provider
    technical_measure: str  # encryption_own_keys, no_provider_access, other ("" if none)
    technical_note: str  # how the measure is confirmed
    has_document: bool  # the terms (or the measure's evidence) kept as a document

    @property
    def complete(self) -> bool:
        return bool(self.no_handling_reference.strip() and self.technical_measure
                    and self.technical_note.strip() and self.has_document)


@dataclass(frozen=True)
class ProvisionFacts:
    """The ground of a third-party provision and its record."""

    basis: str  # a ProvisionBasis value, "" if none
    basis_reference: str  # the evidence of the ground (consent form, PPC notification...)
    provision_record: str  # where the Art. 29 record of provision is kept


@dataclass(frozen=True)
class ContractFacts:
    type: str
    status: str
    coverage: Coverage | None  # for consignment contracts and DPAs
    id: int | None = None
    checklist_confirmed: bool = True  # False while a renewal waits for reconfirmation
    storage: StorageFacts | None = None  # for storage terms
    provision: ProvisionFacts | None = None  # for provision bases


@dataclass(frozen=True)
class ContractGap:
    subject: str  # one of the subjects above
    # What is missing, as plain codes labels.py turns into words: the missing clause keys
    # ("e,f"), the contract id awaiting reconfirmation, "special_care" for an opt-out.
    detail: str = ""


@dataclass(frozen=True)
class Requirement:
    """One thing the gate asks for: met by the contracts listed, or a gap."""

    subject: str
    met_by: tuple[int | None, ...] = ()
    gap: ContractGap | None = None


@dataclass(frozen=True)
class GateResult:
    classification: str
    requirements: tuple[Requirement, ...] = field(default_factory=tuple)

    @property
    def required(self) -> bool:
        """False for a vendor that handles no personal data: nothing is asked."""
        return bool(self.requirements)

    @property
    def gaps(self) -> list[ContractGap]:
        return [r.gap for r in self.requirements if r.gap is not None]


def _ids(contracts: Iterable[ContractFacts]) -> tuple[int | None, ...]:
    return tuple(c.id for c in contracts)


def _consignment(in_force: list[ContractFacts]) -> list[Requirement]:
    terms = [c for c in in_force if c.type in WITH_CHECKLIST]
    confidential = [c for c in in_force if c.type == "nda"] + [
        c for c in terms if c.coverage is not None
        and any(x.key == "confidentiality" for x in c.coverage.recommended_met)]
    requirements = [Requirement(NO_NDA, _ids(confidential))
                    if confidential else Requirement(NO_NDA, gap=ContractGap(NO_NDA))]
    if not terms:
        return [*requirements, Requirement(NO_CONSIGNMENT_CONTRACT,
                                           gap=ContractGap(NO_CONSIGNMENT_CONTRACT))]
    requirements.append(Requirement(NO_CONSIGNMENT_CONTRACT, _ids(terms)))
    complete = [c for c in terms if c.coverage is not None and c.coverage.complete]
    confirmed = [c for c in complete if c.checklist_confirmed]
    if confirmed:
        return [*requirements, Requirement(MISSING_CLAUSES, _ids(confirmed))]
    if complete:  # complete, but renewed since and not yet confirmed again
        return [*requirements, Requirement(CHECKLIST_UNCONFIRMED, gap=ContractGap(
            CHECKLIST_UNCONFIRMED, ",".join(str(c.id) for c in complete)))]
    best = max((c.coverage for c in terms if c.coverage is not None),
               key=lambda cov: len(cov.mandatory_met), default=None)
    missing = best.mandatory_missing if best else ()
    return [*requirements, Requirement(MISSING_CLAUSES, gap=ContractGap(
        MISSING_CLAUSES, ",".join(c.key for c in missing) or "a,b,c,d,e,f,g,h"))]


def _storage_only(in_force: list[ContractFacts]) -> list[Requirement]:
    confirmed = [c for c in in_force if c.storage is not None and c.storage.complete]
    if confirmed:
        return [Requirement(NO_STORAGE_CONFIRMATION, _ids(confirmed))]
    return [Requirement(NO_STORAGE_CONFIRMATION, gap=ContractGap(NO_STORAGE_CONFIRMATION))]


def _provision(in_force: list[ContractFacts], special_care: bool) -> list[Requirement]:
    grounded = [c for c in in_force if c.provision is not None and c.provision.basis
                and c.provision.basis_reference.strip()
                and not (special_care and c.provision.basis == OPT_OUT)]
    if not grounded:
        opt_out = special_care and any(c.provision is not None and c.provision.basis == OPT_OUT
                                       for c in in_force)
        return [Requirement(NO_PROVISION_BASIS, gap=ContractGap(
            NO_PROVISION_BASIS, "special_care" if opt_out else ""))]
    requirements = [Requirement(NO_PROVISION_BASIS, _ids(grounded))]
    recorded = [c for c in grounded if c.provision.basis not in RECORD_REQUIRED
                or c.provision.provision_record.strip()]
    if recorded:
        return [*requirements, Requirement(NO_PROVISION_RECORD, _ids(recorded))]
    return [*requirements, Requirement(NO_PROVISION_RECORD,
                                       gap=ContractGap(NO_PROVISION_RECORD))]


def evaluate(contracts: Iterable[ContractFacts], classification: str = "consignment", *,
             special_care: bool = False) -> GateResult:
    """What the gate asks of a vendor of ``classification`` and whether its contracts in
    force meet each; ``special_care``: the vendor handles special-care-required data."""
    in_force = [c for c in contracts if c.status in IN_FORCE]
    if classification == "no_personal_data":
        return GateResult(classification)
    if classification == "storage_only_cloud":
        return GateResult(classification, tuple(_storage_only(in_force)))
    if classification == "third_party_provision":
        return GateResult(classification, tuple(_provision(in_force, special_care)))
    return GateResult(classification, tuple(_consignment(in_force)))


def contract_gaps(contracts: Iterable[ContractFacts], classification: str = "consignment",
                  *, special_care: bool = False) -> list[ContractGap]:
    """The contract gaps that stand between the vendor and an approval; empty when none."""
    return evaluate(contracts, classification, special_care=special_care).gaps
