"""The OpenID Connect test provider (tests/oidc_provider.py) works, without the app.

The sign-in tests trust this harness to behave like a real identity provider and to
spoil ID tokens exactly as asked, so it is checked here on its own with Authlib's
plain OAuth 2 client: discovery, dynamic registration, the code flow with PKCE, state
and nonce, the ID token verified against the JWKS, each fault, and code replay.
"""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jws, jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet

from tests.oidc_provider import (
    FAULTS,
    OidcProvider,
    oidc_provider,  # noqa: F401  (the session fixture)
)

CALLBACK = "http://localhost/auth/sso/test/callback"


@pytest.fixture
def op(oidc_provider: OidcProvider) -> OidcProvider:  # noqa: F811
    """The worker's provider, reset, with one user who belongs to two groups."""
    oidc_provider.reset()
    oidc_provider.set_user("alice", email="alice@example.com", name="Alice Example",
                           groups=["vendorrisk-admin", "staff"])
    return oidc_provider


def discovery(op: OidcProvider) -> dict:
    return requests.get(f"{op.issuer}/.well-known/openid-configuration", timeout=5).json()


def sign_in(op: OidcProvider, login: str = "alice") -> tuple[dict, OAuth2Session, dict]:
    """The code flow up to the token response: (token, client, what the client sent)."""
    meta = discovery(op)
    client_id, secret = op.register_client([CALLBACK])
    client = OAuth2Session(client_id, secret, scope="openid email profile groups",
                           redirect_uri=CALLBACK, code_challenge_method="S256")
    sent = {"verifier": generate_token(48), "nonce": generate_token(20)}
    url, sent["state"] = client.create_authorization_url(
        meta["authorization_endpoint"], code_verifier=sent["verifier"], nonce=sent["nonce"])
    sent["back"] = op.sign_in(url, login)
    token = client.fetch_token(meta["token_endpoint"], authorization_response=sent["back"],
                               state=sent["state"], code_verifier=sent["verifier"])
    return token, client, sent


def claims_of(op: OidcProvider, id_token: str) -> dict:
    """The ID token's claims, after checking its signature against the published JWKS."""
    jwks = requests.get(discovery(op)["jwks_uri"], timeout=5).json()
    return jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=["RS256"]).claims


def test_discovery_describes_the_code_flow_with_pkce(op):
    meta = discovery(op)
    assert meta["issuer"] == op.issuer
    assert "code" in meta["response_types_supported"]
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert {"openid", "email", "profile", "groups"} <= set(meta["scopes_supported"])
    assert meta["registration_endpoint"] == f"{op.issuer}/reg"
    jwks = requests.get(meta["jwks_uri"], timeout=5).json()
    # The key the harness generated, public half only
    assert [(k["kid"], k["kty"], "d" in k) for k in jwks["keys"]] == [
        (op.signing_jwk["kid"], "RSA", False)]


def test_sign_in_returns_a_verified_id_token_with_the_groups(op):
    token, client, sent = sign_in(op)
    back = parse_qs(urlsplit(sent["back"]).query)
    assert sent["back"].startswith(CALLBACK + "?")
    assert back["state"] == [sent["state"]]
    assert back["code"]
    assert back["iss"] == [op.issuer]  # RFC 9207, sent with every response
    claims = claims_of(op, token["id_token"])
    assert claims["iss"] == op.issuer
    assert claims["aud"] == client.client_id
    assert claims["nonce"] == sent["nonce"]
    assert claims["sub"] == "alice"
    assert claims["email"] == "alice@example.com"
    assert claims["email_verified"] is True
    assert claims["name"] == "Alice Example"
    assert claims["groups"] == ["vendorrisk-admin", "staff"]
    assert claims["iat"] <= time.time() < claims["exp"]
    userinfo = client.get(discovery(op)["userinfo_endpoint"], timeout=5).json()
    assert userinfo["sub"] == "alice"
    assert userinfo["groups"] == claims["groups"]


def test_new_groups_show_in_the_next_sign_in(op):
    op.set_user("alice", email="alice@example.com", name="Alice Example", groups=["auditor"])
    assert claims_of(op, sign_in(op)[0]["id_token"])["groups"] == ["auditor"]


def test_a_client_may_choose_its_id_and_post_its_secret(op):
    client_id, secret = op.register_client(["http://127.0.0.1:5000/cb"], client_id="chosen-id",
                                           auth_method="client_secret_post")
    assert client_id == "chosen-id"
    assert len(secret) >= 32


def test_an_unknown_user_gets_the_form_again_with_an_error(op):
    meta = discovery(op)
    client_id, _ = op.register_client([CALLBACK])
    client = OAuth2Session(client_id, scope="openid", redirect_uri=CALLBACK,
                           code_challenge_method="S256")
    url, _ = client.create_authorization_url(meta["authorization_endpoint"],
                                             code_verifier=generate_token(48), nonce="n")
    with pytest.raises(RuntimeError, match="400 Sign in Unknown user: mallory User"):
        op.sign_in(url, "mallory")


def test_a_code_works_once(op):
    _, client, sent = sign_in(op)
    code = parse_qs(urlsplit(sent["back"]).query)["code"][0]
    again = requests.post(discovery(op)["token_endpoint"], timeout=5,
                          auth=(client.client_id, client.client_secret),
                          data={"grant_type": "authorization_code", "code": code,
                                "redirect_uri": CALLBACK, "code_verifier": sent["verifier"]})
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_pkce_is_checked(op):
    meta = discovery(op)
    client_id, secret = op.register_client([CALLBACK])
    client = OAuth2Session(client_id, secret, scope="openid", redirect_uri=CALLBACK,
                           code_challenge_method="S256")
    url, _ = client.create_authorization_url(meta["authorization_endpoint"],
                                             code_verifier=generate_token(48), nonce="n")
    code = parse_qs(urlsplit(op.sign_in(url, "alice")).query)["code"][0]
    wrong = requests.post(meta["token_endpoint"], auth=(client_id, secret), timeout=5,
                          data={"grant_type": "authorization_code", "code": code,
                                "redirect_uri": CALLBACK, "code_verifier": generate_token(48)})
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"


SPOILED = {"wrong_audience": ("aud", "someone-else"), "wrong_nonce": ("nonce", "not-the-one-sent"),
           "wrong_issuer": ("iss", "http://evil.example")}


@pytest.mark.parametrize("kind", FAULTS)
def test_a_fault_spoils_the_id_token_until_reset(op, kind):
    op.fault(kind)
    token, _, _ = sign_in(op)
    # Same header whatever the fault: the kid names the published key
    header = jws.extract_compact(token["id_token"].encode()).protected
    assert header["alg"] == "RS256"
    assert header["kid"] == op.signing_jwk["kid"]
    if kind == "other_key":
        with pytest.raises(BadSignatureError):
            claims_of(op, token["id_token"])
    else:
        claims = claims_of(op, token["id_token"])  # still signed with the published key
        if kind == "expired":
            assert claims["iat"] < claims["exp"] < time.time() - 500
        else:
            name, value = SPOILED[kind]
            assert claims[name] == value
        # The rest is what the provider issued
        assert claims["sub"] == "alice"
        assert claims["groups"] == ["vendorrisk-admin", "staff"]
    op.fault(None)
    token, client, sent = sign_in(op)
    claims = claims_of(op, token["id_token"])
    assert (claims["iss"], claims["aud"], claims["nonce"]) == (
        op.issuer, client.client_id, sent["nonce"])
