"""Moved from vendorrisk.incidents.permissions (issue 21): describe me."""

from vendorrisk.auth.models import Role
from vendorrisk.incidents.permissions import INCIDENT_HANDLERS

REQUEST_READERS = frozenset({Role.REVIEWER, Role.APPROVER, Role.AUDITOR, Role.ADMIN})


REQUEST_HANDLERS = INCIDENT_HANDLERS
