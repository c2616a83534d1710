"""API fixtures: a token for a user of given roles, and headers that carry it."""

from collections.abc import Callable
from datetime import timedelta

import pytest

from vendorrisk.auth.models import Role, User
from vendorrisk.auth.tokens import create_token
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db


@pytest.fixture
def api_token(app, make_user) -> Callable[..., str]:
    """A token acting with ``roles`` (by default all the user's) for a new user holding
    ``user_roles`` (by default ``roles``)."""

    def make(*roles: Role, user_roles: tuple[Role, ...] = (), days: int = 30,
             user: User | None = None) -> str:
        owner = user or make_user(*(user_roles or roles))
        with app.app_context():
            raw, _token = create_token(db.session.get(User, owner.id), name="test",
                                       expires_on=utcnow().date() + timedelta(days=days),
                                       roles=[role.value for role in roles], now=utcnow())
            db.session.commit()
        return raw

    return make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
