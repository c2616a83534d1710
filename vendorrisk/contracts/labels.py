"""Display names for contracts, their checklist and their end, in both languages. Adding
them to the register's table lets ``|label``, ``choices`` and ``pairs`` use them."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from vendorrisk.contracts.clauses import MANDATORY, Coverage
from vendorrisk.contracts.models import CertificateVerdict, ContractType, TerminationStatus
from vendorrisk.contracts.status import ContractStatus
from vendorrisk.vendors.labels import LABELS

LABELS.update({
    ContractType: {
        ContractType.NDA: _l("NDA"),
        ContractType.CONSIGNMENT_CONTRACT: _l("Consignment contract"),
        ContractType.DPA: _l("Data processing agreement (DPA)"),
        ContractType.SLA: _l("Service level agreement (SLA)"),
        ContractType.OTHER: _l("Other"),
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
