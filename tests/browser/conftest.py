"""A live server on a free local port and Playwright driving Debian's Chromium.

Skipped, with the reason, where /usr/bin/chromium is missing; CI installs it.
"""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="Debian's Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.nodeid.split("::")[0]:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Playwright's own browser download cannot work here; use the system Chromium.
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM),
            "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # The width of the laptops our users read on; screenshots are taken at it.
    return {**browser_context_args, "viewport": {"width": 1366, "height": 768}}


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


# A refused form comes back as 400 on purpose; Chromium logs that as an error.
EXPECTED_CONSOLE = "the server responded with a status of 400"


@pytest.fixture
def console_errors(page) -> list[str]:
    """Errors the page logs (a CSP violation or a missing file shows up here)."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" and EXPECTED_CONSOLE not in message.text else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
