"""Imports every feature's models, so metadata (and Alembic) sees the whole schema."""

from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import RoleGrant, User
from vendorrisk.standards.models import StandardVersion
from vendorrisk.vendors.models import (
    CountryRecord,
    SubConsignment,
    Vendor,
    VendorCategory,
    VendorContact,
    VendorCountry,
)

__all__ = [
    "AuditEvent", "CountryRecord", "RoleGrant", "StandardVersion", "SubConsignment", "User",
    "Vendor",
    "VendorCategory", "VendorContact", "VendorCountry",
]
