"""Who may read and handle individuals' requests (the incidents' handlers)."""

from vendorrisk.auth.models import Role
from vendorrisk.incidents.permissions import INCIDENT_HANDLERS

REQUEST_READERS = frozenset({Role.REVIEWER, Role.APPROVER, Role.AUDITOR, Role.ADMIN})


REQUEST_HANDLERS = INCIDENT_HANDLERS
