"""A real OpenID Connect provider for the sign-in tests, run in Node.js beside pytest.

The tests prove the company sign-in against panva's certified ``oidc-provider`` (npm),
not against a mock: discovery, JWKS, authorization code flow with PKCE, ID tokens
signed with a key generated here. ``tests/oidc/provider.mjs`` configures it and adds
what tests need: in-memory users, a login page that also grants consent, and a fault
switch that spoils the ID tokens the token endpoint issues (wrong audience, expired,
wrong nonce, other key, wrong issuer) so tests can prove the app refuses them.

The package is installed on first use into ``.tools/oidc`` (not committed) with the
machine's npm, from the pinned ``tests/oidc/package.json`` and its lockfile; a CI
script can do it beforehand with ``python -c "from tests.oidc_provider import
install; install()"``. Without node or npm the tests that need it are skipped.
"""

import fcntl
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests
from joserfc.jwk import RSAKey

OIDC_PROVIDER_VERSION = "8.8.1"  # the newest major whose runtime check accepts Node 20
HERE = Path(__file__).resolve().parent / "oidc"
TOOLS = Path(__file__).resolve().parents[1] / ".tools"
PREFIX = TOOLS / "oidc"
MODULES = PREFIX / "node_modules"
FAULTS = ("wrong_audience", "expired", "wrong_nonce", "other_key", "wrong_issuer")


class Unavailable(RuntimeError):
    """Node.js or npm is missing: the provider cannot run on this machine."""


def _installed() -> bool:
    manifest = MODULES / "oidc-provider" / "package.json"
    return (manifest.exists()
            and json.loads(manifest.read_text())["version"] == OIDC_PROVIDER_VERSION)


def install() -> Path:
    """Install the pinned oidc-provider into .tools/oidc once; returns its node_modules."""
    if _installed():
        return MODULES
    npm = shutil.which("npm")
    if npm is None:
        raise Unavailable("npm is not installed (apt-get install npm): oidc-provider comes from it")
    TOOLS.mkdir(exist_ok=True)
    if not (TOOLS / ".gitignore").exists():
        (TOOLS / ".gitignore").write_text("*\n")
    # Test workers in parallel (pytest-xdist) install it once: the first holds the lock
    with open(TOOLS / ".install-lock-oidc", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _installed():
            PREFIX.mkdir(exist_ok=True)
            # The lockfile pins the whole tree, not only oidc-provider itself
            for name in ("package.json", "package-lock.json"):
                shutil.copyfile(HERE / name, PREFIX / name)
            subprocess.run([npm, "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund",
                            "--silent"], check=True, timeout=300)
    return MODULES


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Form(HTMLParser):
    """The first form of a page: its action and the names of its inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.inputs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form" and self.action is None:
            self.action = a.get("action") or ""
        elif tag == "input" and a.get("name"):
            self.inputs[a["name"]] = a.get("value") or ""


class OidcProvider:
    """One oidc-provider process on 127.0.0.1 and the controls the tests use on it."""

    def __init__(self) -> None:
        self.port = 0
        self.issuer = ""
        self.process: subprocess.Popen | None = None
        # The private signing key (RS256, with kid); the provider publishes its public half
        self.signing_jwk: dict = {}
        self._output = None

    def start(self, timeout: float = 20.0) -> "OidcProvider":
        node = shutil.which("node")
        if node is None:
            raise Unavailable("node is not installed (apt-get install nodejs)")
        modules = install()
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        key = RSAKey.generate_key(2048, private=True, parameters={
            "kid": secrets.token_hex(8), "alg": "RS256", "use": "sig"})
        self.signing_jwk = key.as_dict(private=True)
        env = {**os.environ, "PORT": str(self.port), "ISSUER": self.issuer,
               "OIDC_NODE_MODULES": str(modules), "SIGNING_JWK": json.dumps(self.signing_jwk),
               "NODE_ENV": "test"}
        # Output to a file, not a pipe: nobody reads it while tests run, and a full pipe blocks
        self._output = tempfile.TemporaryFile()  # noqa: SIM115 (lives as long as the process)
        self.process = subprocess.Popen([node, str(HERE / "provider.mjs")], env=env,
                                        stdout=self._output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            try:  # ready when discovery answers (it prints "listening <issuer>" then too)
                requests.get(f"{self.issuer}/.well-known/openid-configuration",
                             timeout=1).raise_for_status()
                return self
            except requests.RequestException:
                time.sleep(0.05)
        output = self.output()
        self.stop()  # closes the output file too
        raise RuntimeError(f"oidc-provider did not start at {self.issuer}:\n{output}")

    def output(self) -> str:
        """What the node process printed (stdout and stderr), for error messages."""
        if self._output is None:
            return ""
        self._output.seek(0)
        return self._output.read().decode(errors="replace")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._output is not None:
            self._output.close()
            self._output = None

    def _control(self, what: str, body: dict) -> dict:
        response = requests.post(f"{self.issuer}/__control/{what}", json=body, timeout=5)
        response.raise_for_status()
        return response.json()

    def set_user(self, sub: str, *, email: str, name: str, groups: list[str],
                 email_verified: bool = True) -> None:
        """Add or replace a user; later sign-ins (and token responses) see the new claims."""
        self._control("users", {"sub": sub, "email": email, "email_verified": email_verified,
                                "name": name, "groups": groups})

    def fault(self, kind: str | None) -> None:
        """Spoil every ID token the token endpoint issues from now on (None: stop)."""
        assert kind is None or kind in FAULTS, kind
        self._control("fault", {"kind": kind})

    def reset(self) -> None:
        """No fault, no users (registered clients stay: each test registers its own)."""
        self._control("reset", {})

    def register_client(self, redirect_uris: list[str], client_id: str | None = None, *,
                        auth_method: str = "client_secret_basic") -> tuple[str, str]:
        """Register a confidential client by dynamic registration; returns (id, secret)."""
        body: dict = {"redirect_uris": redirect_uris, "token_endpoint_auth_method": auth_method,
                      "grant_types": ["authorization_code"], "response_types": ["code"]}
        if client_id is not None:
            body["client_id"] = client_id  # honoured by the provider's idFactory
        response = requests.post(f"{self.issuer}/reg", json=body, timeout=5)
        if response.status_code != 201:
            raise RuntimeError(f"registration refused: {response.status_code} {response.text}")
        client = response.json()
        return client["client_id"], client["client_secret"]

    def sign_in(self, authorize_url: str, login: str) -> str:
        """Sign in as ``login`` from the authorization URL the app redirected to.

        Returns the URL the provider sends the browser back to (the client's redirect_uri
        with code and state, or with error), without requesting it.
        """
        browser = requests.Session()
        url, response = authorize_url, None
        for _ in range(10):  # GET within the provider until the login form shows
            response = browser.get(url, allow_redirects=False, timeout=5)
            if not response.is_redirect:
                break
            url = urljoin(url, response.headers["Location"])
            if not url.startswith(self.issuer + "/"):
                return url  # already signed in, or an error sent back to the client
        form = _Form()
        form.feed(response.text)
        if form.action is None or "login" not in form.inputs:
            raise RuntimeError(f"no login form at {url}: {response.status_code} {response.text}")
        url = urljoin(url, form.action)
        response = browser.post(url, data={**form.inputs, "login": login},
                                allow_redirects=False, timeout=5)
        for _ in range(10):  # the provider resumes the authorization, then leaves for the client
            if not response.is_redirect:
                # The page's text, without its head (title, style)
                error = re.sub(r"<head>.*</head>|<[^>]+>", " ", response.text, flags=re.S)
                raise RuntimeError(f"sign-in as {login!r} stopped at {url}: "
                                   f"{response.status_code} {' '.join(error.split())}")
            url = urljoin(url, response.headers["Location"])
            if not url.startswith(self.issuer + "/"):
                return url
            response = browser.get(url, allow_redirects=False, timeout=5)
        raise RuntimeError(f"too many redirects signing in at {url}")


@pytest.fixture(scope="session")
def oidc_provider():
    """One provider per test worker; each test starts from reset() (no users, no fault)."""
    provider = OidcProvider()
    try:
        provider.start()
    except Unavailable as why:
        pytest.skip(str(why))
    try:
        yield provider
    finally:
        provider.stop()
