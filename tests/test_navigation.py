"""The menu shows each role what it may open, and nothing else: every link in it answers
200, and every page it leaves out answers 403."""

import re

import pytest
from flask import url_for

from vendorrisk.auth.models import Role
from vendorrisk.foundation.templating import NAVIGATION


def _menu(html: str) -> set[str]:
    nav = html.split('id="nav-main">')[1].split('id="nav-user"')[0]
    return set(re.findall(r'href="([^"]+)"', nav))


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_holds_exactly_what_the_role_may_open(app, client, auth, role):
    auth.login_as(role)
    menu = _menu(client.get("/dashboard/").get_data(as_text=True))
    with app.test_request_context():
        every = {url_for(item.endpoint) for item in NAVIGATION}
    assert menu, "an empty menu"
    assert menu <= every
    for url in sorted(every):
        status = client.get(url).status_code
        assert status == (200 if url in menu else 403), (role.value, url, status)


@pytest.mark.parametrize(("role", "offered"), [(Role.PROCUREMENT, False),
                                               (Role.REVIEWER, True), (Role.AUDITOR, True)])
def test_the_incidents_page_offers_the_requests_only_to_those_who_may_read_them(
        client, auth, role, offered):
    auth.login_as(role)
    page = client.get("/incidents/").get_data(as_text=True)
    assert ('href="/incidents/requests/"' in page) is offered
