"""Session attacks: a session cookie planted before login is worth nothing after it
(fixation), a login page's next= never leads off the site (open redirect), and a link
token cannot be found by guessing (each address is limited; a wrong guess says only
"not valid")."""

from urllib.parse import urlsplit

import pytest

from tests.helpers import page_text
from vendorrisk.auth.models import Role

REDIRECTS = ["https://evil.example/", "//evil.example/", "/\\evil.example",
             "\\\\evil.example", "http:evil.example", "javascript:alert(1)",
             "/%2F%2Fevil.example", "https:/evil.example", " //evil.example",
             "\t//evil.example"]


def _cookie(client) -> str | None:
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_a_session_planted_before_login_is_worthless_after_it(app, client, make_user):
    user = make_user(Role.AUDITOR)
    client.get("/auth/login")
    planted = _cookie(client)
    assert planted  # the login page's session (it holds the CSRF token)
    assert client.post("/auth/login", data={"email": user.email,
                                            "password": "correct horse battery"}
                       ).status_code == 302
    assert _cookie(client) != planted
    attacker = app.test_client()
    attacker.set_cookie("session", planted)
    response = attacker.get("/dashboard/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


@pytest.mark.parametrize("target", REDIRECTS)
def test_next_never_leads_off_the_site(client, make_user, target):
    user = make_user(Role.AUDITOR)
    response = client.post("/auth/login", query_string={"next": target},
                           data={"email": user.email, "password": "correct horse battery"})
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    # A path on this site: no scheme, no host, nothing a browser reads as one.
    assert (location.scheme, location.netloc) == ("", "")
    assert location.path.startswith("/")
    assert not location.path.startswith(("//", "/\\"))


def test_guessing_link_tokens_is_limited_per_address(app, client):
    app.config["PORTAL_IP_RATE_LIMIT"] = "20 per minute"
    first = client.get("/portal/guess-0")
    assert first.status_code == 404
    assert "This link is not valid" in page_text(first)  # nothing more to learn from
    statuses = [client.get(f"/portal/guess{number:040d}").status_code
                for number in range(1, 25)]
    assert statuses[:19] == [404] * 19
    assert set(statuses[19:]) == {429}
