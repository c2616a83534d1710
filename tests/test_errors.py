"""Error pages: a plain message, the right status, never a stack trace."""

import pytest

from tests.helpers import page_text
from vendorrisk.assessments.links import LinkExpired
from vendorrisk.auth.models import Role
from vendorrisk.foundation.errors import MESSAGES, TITLES


@pytest.fixture
def failing_app(app):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    return app


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


def test_server_error_shows_no_internals(failing_app, tmp_path):
    failing_app.config["PROPAGATE_EXCEPTIONS"] = False
    failing_app.config["TESTING"] = False
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong on our side" in page_text(response)
    assert "hunter2" not in body
    assert "Traceback" not in body
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("app", [{"MAX_CONTENT_LENGTH": 1024}], indirect=True)
def test_too_large_request_gets_413(client, auth):
    auth.login_as(Role.ADMIN)
    response = client.post("/auth/users/new", data={"name": "x" * 5000})
    assert response.status_code == 413
    assert "The upload is too large" in page_text(response)


def test_wrong_method_gets_405_page(client):
    response = client.delete("/auth/login")
    assert response.status_code == 405
    assert "This action is not available here" in page_text(response)


def test_forbidden_page_explains_itself(client, auth):
    auth.login_as(Role.PROCUREMENT)
    response = client.get("/auth/users")
    assert response.status_code == 403
    assert "Your roles do not allow this." in page_text(response)


def test_error_pages_are_translated(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "ja"})
    assert response.status_code == 404
    assert "ページが見つかりません" in page_text(response)


@pytest.fixture
def expired_link_app(app):
    @app.get("/portal/expired-example")
    def expired():
        raise LinkExpired("This link has expired. Ask Example Holdings K.K. for a new one.")

    return app


def test_an_expired_link_says_so_and_sends_a_vendor_nowhere_it_cannot_go(expired_link_app):
    response = expired_link_app.test_client().get("/portal/expired-example")
    assert response.status_code == 410
    text = page_text(response)
    assert "410 This link has expired" in text
    assert "Something went wrong" not in text
    assert "Ask Example Holdings K.K. for a new one." in text
    assert "Back to the start page" not in text  # the staff login: no use to a vendor


@pytest.mark.parametrize("app", [{"LOGIN_RATE_LIMIT": "2 per minute"}], indirect=True)
def test_too_many_requests_are_named_as_such(client):
    for _attempt in range(2):
        client.post("/auth/login", data={"email": "x@example.com", "password": "wrong"})
    response = client.post("/auth/login", data={"email": "x@example.com", "password": "wrong"})
    assert response.status_code == 429
    text = page_text(response)
    assert "429 Too many requests" in text
    assert "Something went wrong" not in text
    assert "Nothing was changed." in text


@pytest.mark.parametrize("status", sorted(TITLES))
def test_every_error_page_has_its_own_title_and_text(status):
    if status != 500:
        assert TITLES[status] != TITLES[500]
        assert MESSAGES[status] != MESSAGES[500]
    assert list(TITLES.values()).count(TITLES[status]) == 1
    assert list(MESSAGES.values()).count(MESSAGES[status]) == 1
