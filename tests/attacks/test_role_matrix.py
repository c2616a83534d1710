"""The role × route matrix for every state-changing route: a user holding only one role
posts to every route that role may not use and gets 403, with nothing changed. (GET
pages: tests/test_roles.py; anonymous visitors: tests/test_routes.py.)"""

import pytest

from tests.helpers import table_snapshot
from tests.test_routes import STATE_CHANGING, _sample_url
from vendorrisk.auth.models import Role


def _forbidden_routes(app, role: Role) -> list[tuple[str, str]]:
    """(method, url) of the state-changing routes ``role`` alone may not use."""
    found = []
    for rule in app.url_map.iter_rules():
        allowed = getattr(app.view_functions[rule.endpoint], "required_roles", None)
        if allowed is None or role in allowed or rule.endpoint.startswith("api."):
            continue  # public (portal, login), or the API's tokens (tests/api)
        found += [(method, _sample_url(rule)) for method in sorted(rule.methods &
                                                                   STATE_CHANGING)]
    return found


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_is_refused_every_action_it_does_not_hold(app, client, auth, role):
    auth.login_as(role)
    _check_refused(app, client, role)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_signed_in_through_the_company_provider_is_refused_the_same(
        app, client, sso, role):
    """The same matrix as a user made at the first company sign-in, holding the role of
    their group at the identity provider (tests/sso.py)."""
    sso.login_as(client, role)
    _check_refused(app, client, role)


def _check_refused(app, client, role: Role) -> None:  # noqa: ANN001
    routes = _forbidden_routes(app, role)
    assert len(routes) >= 10
    with app.app_context():
        before = table_snapshot()
    for method, url in routes:
        response = client.open(url, method=method, data={"note": "x", "outcome": "approve"})
        response.close()
        assert response.status_code == 403, (role, method, url, response.status_code)
    with app.app_context():
        assert table_snapshot() == before


def test_top_management_changes_nothing_but_the_exceptions_reserved_to_it(app):
    """Issue 22: the executive role (top management) is in the matrix above like every
    role; the only state-changing staff route it opens beyond what every logged-in user
    may do is deciding an exception (the service lets it decide only its own) and, since
    issue 25, recording a management review, which top management holds (JIS Q 15001)."""
    every = frozenset(Role)
    opened = sorted({
        rule.endpoint for rule in app.url_map.iter_rules()
        if rule.methods & STATE_CHANGING and not rule.endpoint.startswith("api.")
        and Role.EXECUTIVE in getattr(app.view_functions[rule.endpoint], "required_roles", ())
        and app.view_functions[rule.endpoint].required_roles != every})
    assert opened == ["assessments.decide_on_exception", "reports.new_management_review"]
