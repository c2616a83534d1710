"""The vendor dossier: everything an auditor asks of one consignee on one page set —
profile and tier, the re-consignment chain, contracts with clause coverage, assessment
history with scores, audits and the next one due, open findings and the next review."""

from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from vendorrisk.assessments.models import Assessment
from vendorrisk.contracts.queries import VendorContracts, vendor_contracts
from vendorrisk.foundation.extensions import db
from vendorrisk.review.audit_models import VendorAudit
from vendorrisk.review.audit_programme import AuditDue
from vendorrisk.review.audit_queries import audit_due, audits_of
from vendorrisk.review.findings import awaiting_remediation
from vendorrisk.review.models import Finding
from vendorrisk.vendors.chain import ChainNode, Locations
from vendorrisk.vendors.countries import CountryLine, country_lines
from vendorrisk.vendors.models import SubConsignment, Vendor
from vendorrisk.vendors.services.locations import chain_names, handled_where
from vendorrisk.vendors.services.reconsignment import chain_below


@dataclass(frozen=True)
class Dossier:
    vendor: Vendor
    chain: list[ChainNode]
    links: dict[int, SubConsignment]
    contracts: VendorContracts
    assessments: list[Assessment]
    open_findings: list[Finding]
    today: date
    locations: Locations | None = None  # where the data is handled, down the chain
    chain_names: dict[int, str] = field(default_factory=dict)
    audits: list[VendorAudit] = field(default_factory=list)
    audit_due: AuditDue | None = None

    def countries(self, locale: str) -> list[CountryLine]:
        """The countries by name in ``locale``, each with the way there."""
        return country_lines(self.locations, self.chain_names, locale) if self.locations \
            else []


def dossier(vendor: Vendor, today: date) -> Dossier:
    chain, links = chain_below(vendor)
    locations = handled_where(vendor)
    return Dossier(
        locations=locations, chain_names=chain_names(locations),
        vendor=vendor, chain=chain, links=links,
        contracts=vendor_contracts(vendor, today, expiring_days=int(
            current_app.config["CONTRACT_EXPIRING_DAYS"])),
        assessments=list(db.session.scalars(
            select(Assessment).where(Assessment.vendor_id == vendor.id)
            .options(joinedload(Assessment.standard_version))
            .order_by(Assessment.created_at.desc(), Assessment.id.desc()))),
        open_findings=list(db.session.scalars(select(Finding).where(
            Finding.vendor_id == vendor.id, awaiting_remediation())
            .order_by(Finding.due_on, Finding.id))),
        audits=audits_of(vendor), audit_due=audit_due(vendor), today=today)
