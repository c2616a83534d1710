"""The role matrix: each role gets 200 where it should and 403 everywhere else.

Every GET route without arguments must appear in EXPECTED, so a new page forces a
decision about who may see it.
"""

import pytest

from vendorrisk.auth.models import Role

ALL = frozenset(Role)
EXPECTED = {
    "/dashboard/": ALL,
    "/auth/account": ALL,
    "/auth/users": {Role.ADMIN},
    "/auth/users/new": {Role.ADMIN},
    "/audit/": {Role.ADMIN, Role.AUDITOR},
}
# Pages for one object, reached with the id of an object the test creates.
EXPECTED_OBJECT_PAGES = {
    "/auth/users/{user_id}": {Role.ADMIN},
}
NOT_IN_MATRIX = {"/", "/auth/login"}  # public; checked in test_routes


def test_matrix_lists_every_page(app):
    pages = {
        rule.rule for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and "static" not in rule.endpoint
    }
    listed = set(EXPECTED) | {
        path.replace("{user_id}", "<int:user_id>") for path in EXPECTED_OBJECT_PAGES
    } | NOT_IN_MATRIX
    assert pages == listed


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_sees_exactly_its_pages(client, auth, make_user, role):
    other = make_user(Role.PROCUREMENT)
    auth.login_as(role)
    pages = dict(EXPECTED)
    pages.update({path.format(user_id=other.id): roles
                  for path, roles in EXPECTED_OBJECT_PAGES.items()})
    for path, roles in pages.items():
        expected = 200 if role in roles else 403
        assert client.get(path).status_code == expected, (role, path)


def test_navigation_shows_only_allowed_pages(client, auth):
    auth.login_as(Role.AUDITOR)
    html = client.get("/dashboard/").get_data(as_text=True)
    assert 'href="/audit/"' in html
    assert 'href="/auth/users"' not in html


def test_user_with_several_roles_gets_the_union(client, auth):
    auth.login_as(Role.PROCUREMENT, Role.AUDITOR)
    assert client.get("/audit/").status_code == 200
    assert client.get("/auth/users").status_code == 403
