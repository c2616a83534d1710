"""Imports every feature's models, so metadata (and Alembic) sees the whole schema."""

from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import RoleGrant, User

__all__ = ["AuditEvent", "RoleGrant", "User"]
