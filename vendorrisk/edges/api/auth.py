"""Who calls: every API request but the description carries a bearer token; the caller
and its roles are kept on ``g``. The token is the only credential the API accepts (no
session cookie), so no request can be forged from a browser, and CSRF does not apply."""

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import g, request

from vendorrisk.auth.models import Role
from vendorrisk.auth.tokens import Caller, authenticate, token_hash
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.problems import Problem

P = ParamSpec("P")
R = TypeVar("R")
PUBLIC = frozenset({"api.openapi", "api.docs"})


def load_caller() -> None:
    """Before each request: authenticate (401 problem otherwise)."""
    if request.endpoint in PUBLIC or request.endpoint is None:
        return
    g.caller = authenticate(request.headers.get("Authorization"), now=utcnow(),
                            ip=request.remote_addr)
    if db.session.dirty:  # the last use, written at most once a minute
        db.session.commit()


def caller() -> Caller:
    return g.caller


def allow(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Let the request through when its token acts with one of ``roles`` (else 403)."""
    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            if not caller().has_role(*roles):
                raise Problem(403, "This token's roles do not allow this; it acts with: "
                              + (", ".join(sorted(caller().roles)) or "no role") + ".")
            return view(*args, **kwargs)

        wrapped.required_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped

    return decorator


def rate_key() -> str:
    """Tokens are limited one by one; requests without one by address."""
    header = request.headers.get("Authorization", "")
    return "api:" + token_hash(header)[:16] if header else "api-ip:" + (
        request.remote_addr or "")
