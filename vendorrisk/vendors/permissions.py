"""Who may read and change the register."""

from vendorrisk.auth.models import Role, User
from vendorrisk.auth.permissions import ALL_ROLES

REGISTER_READERS = ALL_ROLES
REGISTER_EDITORS = frozenset({Role.PROCUREMENT})
TIER_DECIDERS = frozenset({Role.REVIEWER, Role.APPROVER})
COUNTRY_EDITORS = frozenset({Role.REVIEWER, Role.APPROVER})


def can_edit_register(user: User) -> bool:
    """Procurement registers vendors and keeps their records."""
    return user.has_role(*REGISTER_EDITORS)


def can_decide_tier(user: User) -> bool:
    """Reviewers and approvers override tiers and decide on sub-consignees."""
    return user.has_role(*TIER_DECIDERS)


def can_edit_countries(user: User) -> bool:
    """Reviewers and approvers keep the foreign-regime records."""
    return user.has_role(*COUNTRY_EDITORS)
