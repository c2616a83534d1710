"""Logging in and out, the generic failure message, the rate limit and sessions."""

import pytest
import redis

from tests.conftest import PASSWORD, TEST_DATABASE_URL, CsrfClient, app_config
from tests.helpers import page_text, table_snapshot
from vendorrisk import create_app
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db

GENERIC_FAILURE = "Wrong e-mail or password, or the account is disabled."


def test_login_with_right_password_reaches_dashboard(client, make_user):
    user = make_user(Role.REVIEWER)
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/dashboard/"
    assert f"Welcome, {user.name}" in page_text(client.get("/dashboard/"))


def test_login_is_case_insensitive_on_email(client, make_user):
    make_user(email="mixed@example.com")
    response = client.post("/auth/login", data={"email": "MiXeD@Example.com", "password": PASSWORD})
    assert response.status_code == 302


def test_wrong_password_and_unknown_email_get_the_same_message(app, client, make_user):
    user = make_user()
    with app.app_context():
        before = table_snapshot()
    wrong = client.post("/auth/login", data={"email": user.email, "password": "wrong password!"})
    unknown = client.post("/auth/login", data={"email": "nobody@example.com", "password": PASSWORD})
    for response in (wrong, unknown):
        assert response.status_code == 200
        assert GENERIC_FAILURE in page_text(response)
    assert client.get("/dashboard/").status_code == 302
    with app.app_context():
        assert table_snapshot() == before


def test_disabled_user_cannot_log_in(app, client, make_user):
    user = make_user()
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert GENERIC_FAILURE in page_text(response)


def test_eleventh_failed_login_within_a_minute_gets_429(client, make_user):
    user = make_user()
    for _ in range(10):
        response = client.post(
            "/auth/login", data={"email": user.email, "password": "wrong-wrong-1"}
        )
        assert response.status_code == 200
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many requests" in page_text(response)
    assert client.get("/dashboard/").status_code == 302


def test_successful_logins_do_not_count_towards_the_limit(client, auth, make_user):
    user = make_user()
    for _ in range(12):
        assert auth.login(user.email).status_code == 302
        auth.logout()


def test_next_parameter_only_allows_local_paths(client, make_user):
    user = make_user(Role.ADMIN)
    data = {"email": user.email, "password": PASSWORD}
    response = client.post("/auth/login?next=https://evil.example.org/", data=data)
    assert response.headers["Location"] == "/dashboard/"
    client.post("/auth/logout")
    response = client.post("/auth/login?next=//evil.example.org/x", data=data)
    assert response.headers["Location"] == "/dashboard/"
    client.post("/auth/logout")
    response = client.post("/auth/login?next=/auth/users", data=data)
    assert response.headers["Location"] == "/auth/users"


def test_anonymous_page_redirects_to_login_with_next(client):
    response = client.get("/auth/users")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_logout_ends_the_session(client, auth):
    auth.login_as(Role.AUDITOR)
    assert client.get("/dashboard/").status_code == 200
    assert auth.logout().status_code == 302
    assert client.get("/dashboard/").status_code == 302


def test_logout_by_get_is_not_possible(client, auth):
    auth.login_as(Role.AUDITOR)
    assert client.get("/auth/logout").status_code == 405
    assert client.get("/dashboard/").status_code == 200


def test_session_cookie_is_http_only_and_same_site(client, make_user):
    user = make_user()
    response = client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def _redis_url() -> str:
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    return url


def test_rate_limit_counts_in_redis_across_processes(tmp_path):
    """Two web processes sharing Redis share one count of failed logins."""
    url = _redis_url()
    database = TEST_DATABASE_URL or f"sqlite:///{tmp_path / 'shared.db'}"
    webs = [create_app(app_config(tmp_path, RATELIMIT_STORAGE_URI=url, DATABASE_URL=database))
            for _ in range(2)]
    for web in webs:
        web.test_client_class = CsrfClient
        with web.app_context():
            db.create_all()
    data = {"email": "nobody@example.com", "password": "wrong-wrong-1"}
    statuses = [webs[index % 2].test_client().post("/auth/login", data=data).status_code
                for index in range(11)]
    assert statuses == [200] * 10 + [429]
    redis.Redis.from_url(url).flushdb()
    for web in webs:
        with web.app_context():
            db.engine.dispose()
