"""Display names for contracts, their checklist and their end, in both languages. Adding
them to the register's table lets ``|label``, ``choices`` and ``pairs`` use them."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from vendorrisk.contracts import gate, retention
from vendorrisk.contracts.clauses import BY_KEY, MANDATORY, Coverage
from vendorrisk.contracts.models import (
    CertificateVerdict,
    Contract,
    ContractType,
    ProvisionBasis,
    TechnicalMeasure,
    TerminationStatus,
)
from vendorrisk.contracts.status import ContractStatus
from vendorrisk.vendors.labels import LABELS

LABELS.update({
    ContractType: {
        ContractType.NDA: _l("NDA"),
        ContractType.CONSIGNMENT_CONTRACT: _l("Consignment contract"),
        ContractType.DPA: _l("Data processing agreement (DPA)"),
        ContractType.SLA: _l("Service level agreement (SLA)"),
        ContractType.OTHER: _l("Other"),
        ContractType.STORAGE_TERMS: _l("Storage-only cloud terms (PPC Q&A 7-53)"),
        ContractType.PROVISION_BASIS: _l("Third-party provision basis (APPI Art. 27, 29)"),
    },
    TechnicalMeasure: {
        TechnicalMeasure.ENCRYPTION_OWN_KEYS: _l("Encrypted with keys only we hold"),
        TechnicalMeasure.NO_PROVIDER_ACCESS: _l("Access control shuts the provider out"),
        TechnicalMeasure.OTHER: _l("Another technical measure (described)"),
    },
    ProvisionBasis: {
        ProvisionBasis.CONSENT: _l("The individuals' prior consent (Art. 27(1))"),
        ProvisionBasis.LAW: _l("Required by laws and regulations (Art. 27(1)(i))"),
        ProvisionBasis.LIFE_PROPERTY: _l("Protecting life, body or property, consent hard "
                                         "to obtain (Art. 27(1)(ii))"),
        ProvisionBasis.PUBLIC_HEALTH: _l("Public health or children's healthy development "
                                         "(Art. 27(1)(iii))"),
        ProvisionBasis.PUBLIC_AUTHORITY: _l("Cooperating with a public authority's duties "
                                            "(Art. 27(1)(iv))"),
        ProvisionBasis.ACADEMIC_TEACHING: _l("Academic research results or teaching "
                                             "(Art. 27(1)(v))"),
        ProvisionBasis.ACADEMIC_RESEARCH: _l("Academic research jointly with the recipient "
                                             "(Art. 27(1)(vi))"),
        ProvisionBasis.ACADEMIC_RECIPIENT: _l("A recipient doing academic research "
                                              "(Art. 27(1)(vii))"),
        ProvisionBasis.OPT_OUT: _l("Opt-out notified to the PPC (Art. 27(2))"),
        ProvisionBasis.SUCCESSION: _l("Business succession: merger or transfer "
                                      "(Art. 27(5)(ii))"),
        ProvisionBasis.JOINT_USE: _l("Joint use, notified to the individuals "
                                     "(Art. 27(5)(iii))"),
    },
    ContractStatus: {
        ContractStatus.DRAFT: _l("Draft"),
        ContractStatus.ACTIVE: _l("Active"),
        ContractStatus.EXPIRING: _l("Expiring"),
        ContractStatus.EXPIRED: _l("Expired"),
        ContractStatus.TERMINATED: _l("Terminated"),
    },
    TerminationStatus: {
        TerminationStatus.AWAITING_CERTIFICATE: _l("Awaiting the deletion certificate"),
        TerminationStatus.CERTIFICATE_RECEIVED: _l("Certificate received, to verify"),
        TerminationStatus.VERIFIED: _l("Deletion verified"),
        TerminationStatus.EXCEPTED: _l("Ended without a certificate (exception)"),
    },
    CertificateVerdict: {
        CertificateVerdict.PENDING: _l("To verify"),
        CertificateVerdict.VERIFIED: _l("Verified"),
        CertificateVerdict.REJECTED: _l("Rejected"),
    },
})

CLAUSE_LABELS = {
    "a": _l("(a) Responsibilities of both parties"),
    "b": _l("(b) Safety management: leak and theft prevention, no use or copying beyond "
            "scope, contract period, return or erasure at the end"),
    "c": _l("(c) Re-consignment conditions"),
    "d": _l("(d) Content and frequency of handling-status reports"),
    "e": _l("(e) Right to confirm compliance"),
    "f": _l("(f) Measures on non-compliance"),
    "g": _l("(g) Incident reporting and contact"),
    "h": _l("(h) Measures after the contract ends"),
    "subject": _l("Subject, purpose, duration, data items, categories of individuals"),
    "instructions": _l("Processing only on documented instructions"),
    "confidentiality": _l("Confidentiality surviving termination, named handlers"),
    "breach_24h": _l("Breach notice within 24 h with the nine items"),
    "requests": _l("Help with individuals' requests"),
    "deletion_certificate": _l("Deletion certificate"),
    "cross_border": _l("Cross-border approval, country list, Rule 18 cooperation"),
    "special_care": _l("Special-care / My Number controls"),
    "off_premises": _l("No taking data off premises"),
    "training": _l("Staff training"),
    "liability": _l("Liability and indemnity"),
    "continuity": _l("Continuity and backups"),
    "change_notice": _l("Prior notice of changes (service, location, sub-consignees)"),
    "antisocial": _l("Exclusion of anti-social forces"),
}


def coverage_text(coverage: Coverage) -> str:
    """"mandatory 7/8: missing (e) Right to confirm compliance", in the page's language."""
    met, total = len(coverage.mandatory_met), len(MANDATORY)
    if coverage.complete:
        return _("mandatory %(met)d/%(total)d", met=met, total=total)
    return _("mandatory %(met)d/%(total)d: missing %(missing)s", met=met, total=total,
             missing=", ".join(str(CLAUSE_LABELS[c.key]) for c in coverage.mandatory_missing))


# What the gate asks for, by exception subject (gate.py), for the signed record's page.
REQUIREMENT_LABELS = {
    gate.NO_NDA: _l("Confidentiality: an NDA or a confidentiality clause"),
    gate.NO_CONSIGNMENT_CONTRACT: _l("A consignment contract or DPA"),
    gate.MISSING_CLAUSES: _l("Mandatory clauses (a)–(h), checklist confirmed"),
    gate.CHECKLIST_UNCONFIRMED: _l("Mandatory clauses (a)–(h), checklist confirmed"),
    gate.NO_STORAGE_CONFIRMATION: _l("Confirmation that the storage provider does not "
                                     "handle the data"),
    gate.NO_PROVISION_BASIS: _l("The ground of the provision (APPI Art. 27)"),
    gate.NO_PROVISION_RECORD: _l("The record of provision (APPI Art. 29)"),
}


def _clauses(keys: str) -> str:
    return ", ".join(str(CLAUSE_LABELS[key]) for key in keys.split(",") if key in BY_KEY)


def contract_gap_text(subject: str, detail: str) -> str:
    """The sentence naming what a contract gap (gate.py) lacks, in the page's language."""
    if subject == gate.NO_NDA:
        return _("There is no NDA in force, nor a consignment contract or DPA with a "
                 "confidentiality clause, and no approved, unexpired exception for it.")
    if subject == gate.NO_CONSIGNMENT_CONTRACT:
        return _("There is no consignment contract or DPA in force, and no approved, "
                 "unexpired exception for it.")
    if subject == gate.MISSING_CLAUSES:
        return _("No consignment contract or DPA in force covers every mandatory clause: "
                 "missing %(clauses)s; no approved, unexpired exception covers it.",
                 clauses=_clauses(detail))
    if subject == gate.CHECKLIST_UNCONFIRMED:
        return _("The clause checklist of contract %(ids)s must be confirmed again after its "
                 "renewal before a new approval, and no approved, unexpired exception "
                 "covers it.", ids=", ".join(f"#{item}" for item in detail.split(",")))
    if subject == gate.NO_STORAGE_CONFIRMATION:
        return _("A storage-only cloud needs, in force, the terms barring the provider from "
                 "handling the data (clause reference), the technical measure that keeps it "
                 "out, how that was confirmed, and the document as evidence (PPC Q&A 7-53); "
                 "none is recorded complete, and no approved, unexpired exception covers it.")
    if subject == gate.NO_PROVISION_BASIS and detail == "special_care":
        return _("Special-care-required data cannot be provided to a third party by opt-out "
                 "(APPI Art. 27(2)): record another ground, or an approved exception.")
    if subject == gate.NO_PROVISION_BASIS:
        return _("A provision to a third party needs its ground under APPI Art. 27 with "
                 "its evidence, recorded in force; none is, and no approved, unexpired "
                 "exception covers it.")
    if subject == gate.NO_PROVISION_RECORD:
        return _("A provision on consent or by opt-out needs the record of provision that "
                 "APPI Art. 29 asks us to keep: say where it is kept; no approved, "
                 "unexpired exception covers it.")
    return subject


def deletion_sentence(refusal: str, contract: Contract) -> str:
    """Why ``contract`` cannot be deleted (retention.py's code), in the page's language."""
    if refusal == retention.NOT_ENDED:
        return _("This contract has not ended (it is not expired or terminated; an "
                 "auto-renewing contract that renewed is still in force): it cannot be "
                 "deleted.")
    if refusal == retention.KEEP_UNTIL:
        return _("This contract must be kept until %(date)s (as long as the entrusted data "
                 "is held); it cannot be deleted before.",
                 date=contract.retention_until.isoformat())
    return _("%(vendor)s may still hold our data: a contract can be deleted only once the "
             "return or deletion of the data is verified by a deletion certificate.",
             vendor=contract.vendor.legal_name)
