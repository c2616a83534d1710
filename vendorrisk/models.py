"""Imports every feature's models, so metadata (and Alembic) sees the whole schema."""

from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.models import (
    Answer,
    AnswerReview,
    AnswerRevision,
    Assessment,
    LinkUse,
    Respondent,
    ReviewComment,
)
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import RoleGrant, User
from vendorrisk.auth.token_models import ApiToken
from vendorrisk.contracts.models import (
    Contract,
    ContractClause,
    ContractDocument,
    DeletionCertificate,
    Termination,
)
from vendorrisk.foundation.ledger import Mark
from vendorrisk.incidents.models import Incident, IncidentLink, IncidentUpdate
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.reports.models import ReportRun
from vendorrisk.requests.models import DataRequest, DataRequestTask
from vendorrisk.review.audit_models import VendorAudit
from vendorrisk.review.models import Finding, FindingEvent, Signature, Snapshot
from vendorrisk.standards.models import StandardVersion
from vendorrisk.supervision.models import JobRun
from vendorrisk.supervision.review_models import ManagementReview, ReviewAction
from vendorrisk.vendors.crossborder_models import CrossBorderRecord, Rule18Check
from vendorrisk.vendors.models import (
    CountryRecord,
    SubConsignment,
    Vendor,
    VendorCategory,
    VendorContact,
    VendorCountry,
    VendorSite,
)

__all__ = [
    "CrossBorderRecord",
    "Rule18Check",
    "ManagementReview",
    "ReviewAction",
    "VendorAudit",
    "ApiToken",
    "Answer", "AnswerRevision", "Assessment", "LinkUse", "OutboxMessage", "Respondent",
    "ReviewComment", "AnswerReview", "Finding", "FindingEvent", "RiskException", "Signature",
    "Snapshot",
    "Contract", "ContractClause", "ContractDocument", "DeletionCertificate", "Termination",
    "JobRun", "Mark", "ReportRun",
    "DataRequest", "DataRequestTask", "Incident", "IncidentLink", "IncidentUpdate",
    "AuditEvent", "CountryRecord", "RoleGrant", "StandardVersion", "SubConsignment", "User",
    "Vendor",
    "VendorCategory", "VendorContact", "VendorCountry", "VendorSite",
]
