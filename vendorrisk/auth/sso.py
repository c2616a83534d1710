"""The OpenID Connect client (Authlib's Flask integration), one per application.

Authlib does the protocol: the authorization code flow with PKCE (S256), ``state``
kept in the session and checked on return, ``nonce`` sent and checked in the ID
token, and the ID token's signature (the provider's JWKS), issuer, audience and expiry
verified. What goes wrong is named here by one short reason, kept in the audit log and
turned into a sentence for the person (auth/sso_views.py).
"""

import logging
from dataclasses import dataclass
from typing import Any

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app
from joserfc.errors import BadSignatureError, ClaimError, ExpiredTokenError, JoseError

from vendorrisk.auth.sso_settings import (
    ProviderSettings,
    parse_providers,
    parse_required_roles,
)

log = logging.getLogger(__name__)
_EXTENSION = "vendorrisk_sso"
# The provider answers in this long or the sign-in is refused (no worker hangs on it).
PROVIDER_TIMEOUT_SECONDS = 10


@dataclass
class _Registry:
    oauth: OAuth
    providers: dict[str, ProviderSettings]


def init_sso(app: Flask) -> None:
    """Check the configured providers (ConfigError at start-up) and register them."""
    providers = parse_providers(app.config["OIDC"])
    parse_required_roles(app.config["TOTP_REQUIRED_ROLES"])  # a mistake stops the start
    oauth = OAuth()
    oauth.init_app(app)
    for provider in providers.values():
        oauth.register(
            name=provider.name, client_id=provider.client_id,
            client_secret=provider.client_secret,
            server_metadata_url=provider.discovery_url,
            client_kwargs={"scope": provider.scopes, "code_challenge_method": "S256",
                           "default_timeout": PROVIDER_TIMEOUT_SECONDS})
    app.extensions[_EXTENSION] = _Registry(oauth, providers)


def providers() -> dict[str, ProviderSettings]:
    """The configured providers, by name (empty: company sign-in is off)."""
    return current_app.extensions[_EXTENSION].providers


def client(name: str) -> Any:
    """Authlib's client for the provider ``name``."""
    return current_app.extensions[_EXTENSION].oauth.create_client(name)


def claims_options(name: str) -> dict[str, dict]:
    """What the ID token must say: the issuer of the discovery document, and our client
    among its audiences (OpenID Connect Core 3.1.3.7). Authlib checks the issuer by
    itself but the audience only through ``azp``: a token for another client that named
    us as its authorized party would pass."""
    provider = client(name)
    return {"iss": {"essential": True, "values": [provider.load_server_metadata()["issuer"]]},
            "aud": {"essential": True, "values": [provider.client_id]}}


def verified_claims(name: str) -> dict[str, Any]:
    """The claims of the ID token the provider ``name`` answered this request with, once
    verified (state, code, signature, issuer, audience, expiry, nonce); SignInRefused
    naming what was wrong otherwise."""
    try:
        token = client(name).authorize_access_token(claims_options=claims_options(name))
    except Exception as error:  # refusal_of names it, or raises it again
        raise refusal_of(error) from error
    if not token.get("userinfo"):  # an answer without an ID token proves no one
        raise SignInRefused("token")
    return dict(token["userinfo"])


def new_nonce() -> str:
    return generate_token(32)


class SignInRefused(Exception):
    """A company sign-in that does not go ahead; ``reason`` is kept in the audit log."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


def refusal_of(error: Exception) -> SignInRefused:
    """What went wrong with the provider's answer, as a refusal."""
    if isinstance(error, MismatchingStateError):
        return SignInRefused("state")
    if isinstance(error, OAuthError):  # the provider said no (a used code: invalid_grant)
        return SignInRefused("provider_error", error=str(error.error or "")[:80])
    if isinstance(error, BadSignatureError):
        return SignInRefused("signature")
    if isinstance(error, ExpiredTokenError):
        return SignInRefused("expired")
    if isinstance(error, ClaimError):  # iss, aud, nonce, azp …: which one is the reason
        claim = {"iss": "issuer", "aud": "audience", "nonce": "nonce"}.get(error.claim)
        return SignInRefused(claim or "claims", claim=error.claim)
    if isinstance(error, JoseError):
        return SignInRefused("token", error=type(error).__name__)
    if isinstance(error, requests.RequestException):
        log.warning("The identity provider did not answer: %s", error)
        return SignInRefused("unreachable")
    raise error
