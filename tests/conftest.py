"""Fixtures: an app on a fresh database per test, clients, an auth helper, factories.

Tests run on in-memory SQLite unless VENDORRISK_TEST_DATABASE_URL names a PostgreSQL
database; there the schema is made once per session and every table is emptied
before each test (a rolled-back outer transaction does not isolate under
Flask-SQLAlchemy 3.1).
"""

import contextlib
import os
import socket
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email import policy as email_policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, text

from tests.exclusive import FOLDER, WORKER, inside_a_test
from tests.oidc_provider import oidc_provider  # noqa: F401  (a fixture)
from tests.sso import sso  # noqa: F401  (a fixture)
from vendorrisk import create_app
from vendorrisk.auth.models import Role, User
from vendorrisk.auth.services import create_user
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.pdf import FAST_FONT_SUBSETTING, SLOW_SUBSETTING_NOTE
from vendorrisk.vendors.inputs import VendorInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.register import create_vendor

# A valid vendor, to be changed by each test.
VENDOR_BASE = {
    "legal_name": "Example Processing Co.",
    "country": "JP",
    "classification": "consignment",
    "classification_reason": "Processes our customer list on our instructions.",
    "services": "Data entry",
    "purpose": "Keying in customer applications",
    "categories": ["customer"],
    "individuals": "up_to_1000",
    "access": "view",
    "criticality": "significant",
    "countries": ["JP"],
}
# The database named; in a parallel run each worker gets its own beside it (name_gw0 …)
SERVER_DATABASE_URL = os.environ.get("VENDORRISK_TEST_DATABASE_URL", "")
ON_POSTGRESQL = SERVER_DATABASE_URL.startswith("postgresql")
TEST_DATABASE_URL = (f"{SERVER_DATABASE_URL}_{WORKER}" if ON_POSTGRESQL and WORKER
                     else SERVER_DATABASE_URL)
PASSWORD = "correct horse battery"


def pytest_report_header() -> list[str]:
    """A missing optional system library, said at the top of the run."""
    return [] if FAST_FONT_SUBSETTING else [SLOW_SUBSETTING_NOTE]


def app_config(tmp_path: Any, **overrides: Any) -> dict[str, Any]:
    """The configuration every test app starts from."""
    return {
        "ENV": "testing",
        "DATABASE_URL": TEST_DATABASE_URL or "sqlite://",
        "INSTANCE_PATH": str(tmp_path / "instance"),
        **overrides,
    }


@pytest.fixture(scope="session")
def _postgresql_schema(tmp_path_factory: pytest.TempPathFactory) -> None:
    if not ON_POSTGRESQL:
        return
    if WORKER:
        server = create_engine(SERVER_DATABASE_URL, isolation_level="AUTOCOMMIT")
        name = TEST_DATABASE_URL.rsplit("/", 1)[1]
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        server.dispose()
    app = create_app(app_config(tmp_path_factory.mktemp("schema")))
    with app.app_context():
        db.drop_all()
        db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
        db.session.commit()
        db.create_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _share_the_machine() -> Iterator[None]:
    """In a parallel run, wait while a test that needs the machine alone runs."""
    with inside_a_test():
        yield


def _empty_tables() -> None:
    names = ", ".join(table.name for table in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    db.session.commit()


@pytest.fixture
def app(tmp_path: Any, _postgresql_schema: None, request: pytest.FixtureRequest) -> Iterator[Flask]:
    """A fresh application and an empty database."""
    overrides = getattr(request, "param", {})
    if "sso" in request.fixturenames:  # the test's identity provider (tests/sso.py)
        settings = request.getfixturevalue("sso").settings
        marker = request.node.get_closest_marker("sso_settings")
        if marker is not None:
            settings["corp"].update(marker.kwargs)
        overrides = {"OIDC": settings, **overrides}
    application = create_app(app_config(tmp_path, **overrides))
    with application.app_context():
        if ON_POSTGRESQL:
            _empty_tables()
        else:
            db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


class CsrfClient(FlaskClient):
    """A test client that signs a CSRF token into every POST, as the browser form would.

    Pass ``csrf=False`` to send a POST without one.
    """

    def open(self, *args: Any, **kwargs: Any) -> Any:
        # A JSON body (the API) carries no form token: the API takes none.
        add_token = kwargs.pop("csrf", True) and "json" not in kwargs
        method = kwargs.get("method", "GET")
        if add_token and method in {"POST", "PUT", "PATCH", "DELETE"}:
            data = kwargs.get("data")
            data = dict(data) if data is not None else {}
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        app = self.application
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", os.urandom(20).hex())
        serializer = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="wtf-csrf-token")
        return str(serializer.dumps(raw))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    app.test_client_class = CsrfClient
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> Any:
    return app.test_cli_runner()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., User]:
    """Create and commit a user; every argument has a default."""
    counter = iter(range(1, 1_000_000))

    def make(*roles: Role, email: str | None = None, password: str = PASSWORD,
             name: str | None = None, language: str = "en") -> User:
        number = next(counter)
        with app.app_context():
            user = create_user(
                email=email or f"user{number}@example.com", name=name or f"User {number}",
                password=password, roles=list(roles or (Role.PROCUREMENT,)),
                language=language, actor=None, now=utcnow(),
            )
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
        return user

    return make


@pytest.fixture
def make_vendor(app) -> Callable[..., Vendor]:
    counter = iter(range(1, 1_000_000))

    def make(**changes) -> Vendor:
        number = next(counter)
        data = {**VENDOR_BASE, "legal_name": f"Vendor {number:04d} Co.", **changes}
        with app.app_context():
            vendor = create_vendor(VendorInput(**data), owner_id=None, actor=None, now=utcnow())
            db.session.commit()
            vendor_id = vendor.id
        with app.app_context():
            loaded = db.session.get(Vendor, vendor_id)
            db.session.expunge(loaded)
        return loaded

    return make


class AuthActions:
    """Log a test client in and out."""

    def __init__(self, client: FlaskClient, make_user: Callable[..., User]) -> None:
        self._client = client
        self._make_user = make_user

    def login(self, email: str, password: str = PASSWORD) -> Any:
        return self._client.post("/auth/login", data={"email": email, "password": password})

    def login_as(self, *roles: Role) -> User:
        """Create a user holding ``roles`` and log in as them."""
        user = self._make_user(*roles)
        response = self.login(user.email)
        assert response.status_code == 302, response.text
        return user

    def logout(self) -> Any:
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client: FlaskClient, make_user: Callable[..., User]) -> AuthActions:
    return AuthActions(client, make_user)


class _Mailbox:
    """What a real SMTP server (aiosmtpd) on loopback received; it can go down and return."""

    def __init__(self, port: int) -> None:
        self.messages: list[Any] = []
        self.port = port
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=email_policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(app: Flask) -> Iterator[_Mailbox]:
    """A real SMTP server on a free local port; the app is configured to use it."""
    mailbox = _Mailbox(free_port())
    mailbox.start()
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=mailbox.port, SMTP_SECURITY="none",
                      SMTP_TIMEOUT=5)
    yield mailbox
    mailbox.stop()


def pytest_sessionfinish() -> None:
    """A parallel run's last worker out removes the folder they coordinate in."""
    if WORKER:
        with contextlib.suppress(OSError):
            FOLDER.rmdir()
