"""Who may read and change contracts and terminations."""

from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import ALL_ROLES

CONTRACT_READERS = ALL_ROLES
# Procurement records contracts and terminations; reviewers and approvers verify
# deletion certificates and ask for exceptions; approvers decide them.
CONTRACT_EDITORS = frozenset({Role.PROCUREMENT})
CERTIFICATE_REVIEWERS = frozenset({Role.REVIEWER, Role.APPROVER})
EXCEPTION_DECIDERS = frozenset({Role.APPROVER})
