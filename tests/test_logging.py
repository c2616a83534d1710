"""Link tokens never reach a log: the application's own lines, its error reports and
gunicorn's access log show a link's first characters only (issue 28, finding 5)."""

import logging
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port
from vendorrisk.edges.portal import views as portal_views
from vendorrisk.foundation.logmask import mask_tokens

TOKEN = secrets.token_urlsafe(32)
MASKED = TOKEN[:6] + "…"
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("app", [{"PROPAGATE_EXCEPTIONS": False}], indirect=True)
def test_an_error_inside_a_portal_route_logs_no_token(app, caplog, monkeypatch):
    def broken(token, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202, ARG001
        raise RuntimeError(f"the link {token} could not be read")

    monkeypatch.setattr(portal_views, "resolve", broken)
    response = app.test_client().get(f"/portal/{TOKEN}?section=d1")
    assert response.status_code == 500
    assert f"Exception on /portal/{MASKED}" in caplog.text
    assert f"RuntimeError: the link {MASKED} could not be read" in caplog.text
    assert TOKEN not in caplog.text


def test_a_refused_form_on_an_incident_link_logs_no_token(client, caplog):
    caplog.set_level(logging.INFO)
    response = client.post(f"/portal/incidents/{TOKEN}", data={}, csrf=False)
    assert response.status_code == 400
    assert "CSRF refusal" in caplog.text
    assert TOKEN not in caplog.text


@pytest.mark.parametrize("line", [
    f'"GET /portal/{TOKEN}/evidence/3 HTTP/1.1" 200',
    f'"POST /portal/deletion/{TOKEN} HTTP/1.1" 302',
    f"sent https://vendorrisk.example.com/portal/requests/{TOKEN} to a@example.com",
    f"GET /auth/login?next=%2Fportal%2Fincidents%2F{TOKEN}",
], ids=["evidence", "deletion", "e-mail", "login-next"])  # the same on every test worker
def test_every_logger_masks_every_link(app, caplog, line):
    # The development server's request log and any other library's log, once the app is made.
    logging.getLogger("werkzeug").warning("%s", line)
    assert TOKEN not in caplog.text
    assert MASKED in caplog.text


@pytest.mark.parametrize("options", [
    ["--config", "python:vendorrisk.gunicorn_conf"],  # as the README's production setup
    [],  # the application alone masks what its workers log
], ids=["readme-config", "app-alone"])
def test_gunicorns_logs_hold_no_token(tmp_path, options):
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        pytest.skip("gunicorn is not installed")
    port = free_port()
    access, errors = tmp_path / "access.log", tmp_path / "error.log"
    # An empty database: the link is looked up and fails, so the error log gets a report.
    env = {**os.environ, "VENDORRISK_ENV": "production",
           "VENDORRISK_SECRET_KEY": "gunicorn-log-test-secret-key-0123456789",
           "VENDORRISK_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}",
           "VENDORRISK_INSTANCE_PATH": str(tmp_path / "instance")}
    server = subprocess.Popen(
        [str(gunicorn), *options, "--workers", "1", "--bind", f"127.0.0.1:{port}",
         "--access-logfile", str(access), "--error-logfile", str(errors), "wsgi:app"],
        env=env, cwd=ROOT)
    try:
        statuses = [_get(port, path) for path in (
            "/healthz", f"/portal/{TOKEN}?section=d1", f"/portal/incidents/{TOKEN}")]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert statuses[1:] == [500, 500]
    logs = access.read_text() + errors.read_text()
    assert f"/portal/{MASKED}?section=d1" in access.read_text()
    assert f"/portal/incidents/{MASKED}" in access.read_text()
    assert "Exception on /portal/" in errors.read_text()
    assert TOKEN not in logs


def _get(port: int, path: str) -> int:
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}",  # noqa: S310
                                        timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            error.close()
            return error.code
        except OSError:
            time.sleep(0.1)
    raise AssertionError("gunicorn did not answer")


def test_what_is_no_token_stays_as_it_is():
    digest = "9e426036" * 8
    for text in (f"stored {digest}", "column assessment_answers_1_not_applicable_justifi",
                 "/portal/ without a link", "/portals/overview"):
        assert mask_tokens(text) == text
