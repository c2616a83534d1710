"""Imports every feature's models, so metadata (and Alembic) sees the whole schema."""

from vendorrisk.api.models import ApiToken
from vendorrisk.assessments.models import (
    Answer,
    AnswerRevision,
    Assessment,
    LinkUse,
    Respondent,
    ReviewComment,
)
from vendorrisk.assessments.review_models import (
    AnswerReview,
    Finding,
    FindingEvent,
    RiskException,
    Signature,
    Snapshot,
)
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import RoleGrant, User
from vendorrisk.contracts.models import (
    Contract,
    ContractClause,
    ContractDocument,
    DeletionCertificate,
    Termination,
)
from vendorrisk.incidents.models import (
    DataRequest,
    DataRequestTask,
    Incident,
    IncidentLink,
    IncidentUpdate,
)
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.reports.models import ReportRun
from vendorrisk.standards.models import StandardVersion
from vendorrisk.supervision.models import JobRun, Mark
from vendorrisk.vendors.models import (
    CountryRecord,
    SubConsignment,
    Vendor,
    VendorCategory,
    VendorContact,
    VendorCountry,
)

__all__ = [
    "ApiToken",
    "Answer", "AnswerRevision", "Assessment", "LinkUse", "OutboxMessage", "Respondent",
    "ReviewComment", "AnswerReview", "Finding", "FindingEvent", "RiskException", "Signature",
    "Snapshot",
    "Contract", "ContractClause", "ContractDocument", "DeletionCertificate", "Termination",
    "JobRun", "Mark", "ReportRun",
    "DataRequest", "DataRequestTask", "Incident", "IncidentLink", "IncidentUpdate",
    "AuditEvent", "CountryRecord", "RoleGrant", "StandardVersion", "SubConsignment", "User",
    "Vendor",
    "VendorCategory", "VendorContact", "VendorCountry",
]
