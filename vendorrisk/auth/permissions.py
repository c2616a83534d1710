"""Who may do what: the role decorator for views and per-object predicates.

Every view is either on the public allowlist (login, static files, vendor links) or
wrapped in :func:`require_role` / :func:`require_login`; a test walks the URL map to
keep it so.
"""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort
from flask_login import current_user, login_required

from vendorrisk.auth.models import Role, User

P = ParamSpec("P")
R = TypeVar("R")

ALL_ROLES = frozenset(Role)
# Read-everything roles (auditors change nothing but see every record).
READERS = frozenset({Role.ADMIN, Role.AUDITOR})


def require_role(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Let a logged-in user through only if they hold one of ``roles`` (else 403)."""
    allowed = frozenset(roles)

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            if not current_user.has_role(*allowed):
                abort(403)
            return view(*args, **kwargs)

        guarded = login_required(wrapped)
        guarded.required_roles = allowed  # type: ignore[attr-defined]  # read by tests
        return guarded

    return decorator


def require_login(view: Callable[P, R]) -> Callable[P, R]:
    """Let any logged-in user through, whatever roles they hold."""
    guarded = login_required(view)
    guarded.required_roles = ALL_ROLES  # type: ignore[attr-defined]  # read by tests
    return guarded


def can_manage_users(user: User) -> bool:
    """Admins create, edit and disable users."""
    return user.has_role(Role.ADMIN)


def can_read_audit_log(user: User) -> bool:
    """Admins and auditors read the audit log."""
    return user.has_role(*READERS)
