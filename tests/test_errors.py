"""Error pages: a plain message, the right status, never a stack trace."""

import pytest

from tests.helpers import page_text
from vendorrisk.auth.models import Role


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
