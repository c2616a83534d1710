"""Who may read and act on incidents and individuals' requests."""

from vendorrisk.auth.models import Role, User
from vendorrisk.vendors.models import Vendor

# Procurement reads and records the incidents of the vendors it owns; the others read all.
INCIDENT_READERS = frozenset(Role)
SEES_ALL = frozenset({Role.REVIEWER, Role.APPROVER, Role.AUDITOR, Role.ADMIN})
# Recording, timeline entries and the vendors' links; correcting the report, recording the
# PPC reports and closing are the privacy officers' (reviewers and approvers).
INCIDENT_RECORDERS = frozenset({Role.PROCUREMENT, Role.REVIEWER, Role.APPROVER})
INCIDENT_HANDLERS = frozenset({Role.REVIEWER, Role.APPROVER})


def sees_vendor(user: User, vendor: Vendor) -> bool:
    """May ``user`` see the incidents of ``vendor``?"""
    return user.has_role(*SEES_ALL) or vendor.owner_id == user.id
