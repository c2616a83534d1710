"""Every route in the URL map: refused to anonymous visitors unless public, refused
without a CSRF token when it changes state, and always sent with the security headers.

The routes come from ``app.url_map`` itself, so routes that later features add are
covered without touching this file; only a new *public* route needs a line here.
"""

import pytest
from werkzeug.routing import Rule
from werkzeug.routing.converters import NumberConverter

from tests.helpers import table_snapshot
from vendorrisk.auth.models import Role

# Endpoints anyone may reach without logging in, and why.
PUBLIC_ENDPOINTS = {
    "static": "the app's CSS and JavaScript",
    "bootstrap.static": "Bootstrap's files, served locally",
    "auth.login": "the login page itself",
    # Company sign-in: an unknown provider is 404; the answer is verified (state, nonce,
    # the ID token's signature, issuer, audience, expiry) before anyone is signed in.
    "auth.sso_start": "sends the browser to the company's identity provider",
    "auth.sso_callback": "the identity provider's answer (tests/auth/test_sso.py)",
    # Needs the note the first step (password or company sign-in) left: else back to login
    "auth.login_code": "the two-factor step of signing in",
    "root": "redirects to the dashboard, which asks for a login",
    # The vendor portal has no accounts: the link's 256-bit token is the key, and an
    # unknown token gets 404 (tests/portal covers expired, revoked and foreign tokens).
    "portal.questionnaire": "vendor portal",
    "portal.save": "vendor portal",
    "portal.autosave": "vendor portal",
    "portal.submit": "vendor portal",
    "portal.colleague": "vendor portal",
    "portal.upload": "vendor portal",
    "portal.answers_file": "vendor portal",
    "portal.remove_file": "vendor portal",
    "portal.download": "vendor portal",
    "portal.remediation": "vendor portal",
    "portal.plan": "vendor portal",
    "portal.complete": "vendor portal",
    "portal.deletion": "vendor portal (deletion certificate link)",
    "portal.deletion_certificate": "vendor portal (deletion certificate link)",
    # For load balancers and service managers: ok or what fails, nothing more.
    "health.healthz": "health check",
    "health.readyz": "readiness check",
    # The API's description is public; every other API route answers 401 without a token.
    "api.openapi": "OpenAPI document",
    "api.docs": "API endpoint list",
    # tests/incidents cover revoked, expired and other vendors' links
    "portal.incidents": "vendor portal (standing incident link)",
    "portal.incident": "vendor portal (standing incident link)",
    "portal.request_task": "vendor portal (individual's request task link)",
}

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def _sample_url(rule: Rule) -> str:
    """The rule's URL with a plausible value for every argument."""
    values = {}
    for name in rule.arguments:
        numeric = isinstance(rule._converters[name], NumberConverter)
        values[name] = 1 if numeric else "x"
    if rule.endpoint.endswith("static"):
        values["filename"] = "css/app.css" if rule.endpoint == "static" else "css/bootstrap.min.css"
    return rule.build(values)[1]


def _no_server_error(rule: Rule, response) -> bool:  # noqa: ANN001
    # The test database is made from the models, not migrated: /readyz says so (503).
    return response.status_code < 500 or (rule.endpoint == "health.readyz"
                                           and response.status_code == 503)


def _rules(app) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda rule: (rule.rule, rule.endpoint))


def _assert_security_headers(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_public_allowlist_names_only_existing_endpoints(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert set(PUBLIC_ENDPOINTS) <= endpoints


def test_every_route_refuses_anonymous_visitors_unless_public(app, client):
    checked = 0
    for rule in _rules(app):
        url = _sample_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method, csrf=True)
            response.close()  # static files are streamed from an open file
            _assert_security_headers(response)
            if rule.endpoint in PUBLIC_ENDPOINTS:
                assert _no_server_error(rule, response), (method, url)
                continue
            checked += 1
            refused = response.status_code in {401, 403} or (
                response.status_code == 302
                and response.headers["Location"].startswith("/auth/login")
            )
            assert refused, (method, url, response.status_code)
    assert checked >= 10


def test_every_state_changing_route_refuses_a_post_without_csrf_token(app, client, auth):
    auth.login_as(*Role)
    with app.app_context():
        before = table_snapshot()
    checked = 0
    for rule in _rules(app):
        for method in sorted(rule.methods & STATE_CHANGING):
            response = client.open(_sample_url(rule), method=method, csrf=False,
                                   data={"email": "x@example.com", "password": "p" * 20})
            if rule.endpoint.startswith("api."):
                # The API takes no form token and no session cookie: a bearer token only,
                # which a forged request from a browser cannot carry.
                assert response.status_code == 401, (method, rule.rule)
                assert response.mimetype == "application/problem+json"
            else:
                assert response.status_code == 400, (method, rule.rule, response.status_code)
                assert "The form has expired" in response.get_data(as_text=True)
            _assert_security_headers(response)
            checked += 1
    assert checked >= 5
    with app.app_context():
        assert table_snapshot() == before
    assert client.get("/dashboard/").status_code == 200  # still logged in


def test_every_page_a_logged_in_user_sees_carries_security_headers(app, client, auth):
    auth.login_as(*Role)
    for rule in _rules(app):
        if "GET" in rule.methods:
            response = client.get(_sample_url(rule))
            response.close()
            assert _no_server_error(rule, response), rule.rule
            _assert_security_headers(response)


@pytest.mark.parametrize("path", ["/auth/login", "/dashboard/"])
def test_html_pages_are_not_cached(client, auth, path):
    auth.login_as(Role.ADMIN)
    assert client.get(path if path != "/auth/login" else "/auth/account").headers[
        "Cache-Control"] == "no-store"
