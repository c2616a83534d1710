"""Company sign-in in tests: the real provider (tests/oidc_provider.py) configured as the
provider "corp" of the test's application, and a client signed in through it.

A test asks for the ``sso`` fixture; the ``app`` fixture then carries the provider in
its OIDC settings (tests/conftest.py), with each role given by a group ``vr-<role>``
and provisioning on. ``sso.login_as(client, Role.APPROVER)`` makes a user at the
provider and signs in as them through the whole code flow.
"""

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.oidc_provider import OidcProvider
from vendorrisk.auth.models import Role

CALLBACK = "/auth/sso/corp/callback"
GROUPS = {f"vr-{role.value}": role.value for role in Role}
_CLIENTS: dict[str, tuple[str, str]] = {}  # per provider process: (client id, secret)
_NUMBERS = itertools.count(1)


class Sso:
    """The provider, the settings that name it, and signing in through it."""

    def __init__(self, provider: OidcProvider, client_id: str, secret: str) -> None:
        self.provider = provider
        self.settings: dict[str, Any] = {"corp": {
            "label": "Corp ID", "issuer": provider.issuer, "client_id": client_id,
            "client_secret": secret, "scopes": "openid email profile groups",
            "roles": dict(GROUPS), "provision": True}}

    def user(self, *roles: Role, sub: str | None = None, email: str | None = None,
             groups: list[str] | None = None) -> str:
        """A person at the provider in the groups of ``roles``; returns their subject."""
        sub = sub or f"person-{next(_NUMBERS)}"
        self.provider.set_user(sub, email=email or f"{sub}@corp.example",
                               name=sub.replace("-", " ").title(),
                               groups=[f"vr-{role.value}" for role in roles]
                               if groups is None else groups)
        return sub

    def callback_url(self, client: FlaskClient, login: str, start: str = "") -> str:
        """Start at the app, sign in at the provider: the URL it sends the browser back to."""
        response = client.get(start or "/auth/sso/corp/start")
        assert response.status_code == 302, response.text
        return self.provider.sign_in(response.headers["Location"], login)

    def sign_in(self, client: FlaskClient, login: str, start: str = "") -> Any:
        """The whole code flow; the app's answer to the provider's redirect back."""
        return client.get(self.callback_url(client, login, start))

    def link(self, client: FlaskClient, login: str) -> Any:
        """A signed-in user links their account at the provider (the account page's
        button); the app's answer to the provider's redirect back."""
        response = client.post("/auth/sso/corp/link")
        assert response.status_code == 302, response.text
        assert "prompt=login" in response.headers["Location"]
        return client.get(self.provider.sign_in(response.headers["Location"], login))

    def login_as(self, client: FlaskClient, *roles: Role) -> str:
        sub = self.user(*roles)
        response = self.sign_in(client, sub)
        assert response.status_code == 302, response.text
        assert "/auth/login" not in response.headers["Location"], response.headers["Location"]
        return sub


@pytest.fixture
def sso(oidc_provider: OidcProvider) -> Iterator[Sso]:
    """The provider with no users and no fault, and a client registered for this app."""
    oidc_provider.reset()
    if oidc_provider.issuer not in _CLIENTS:
        _CLIENTS[oidc_provider.issuer] = oidc_provider.register_client(
            [f"http://localhost{CALLBACK}"])
    yield Sso(oidc_provider, *_CLIENTS[oidc_provider.issuer])
    oidc_provider.fault(None)
