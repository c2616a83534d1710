"""The application in a process of its own, for the fault tests: run as
``python -m tests.faults.server PORT``. With FAULT_PAUSE_MARKER set, a submission stops
inside its transaction (after its writes, before its commit), writes that file and
waits there to be killed."""

import http.client
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

from werkzeug.serving import make_server

from vendorrisk import create_app
from vendorrisk.assessments import submission


def _pause_inside_the_submission(marker: Path) -> None:
    original = submission.rescore

    def paused(assessment):  # noqa: ANN001, ANN202
        result = original(assessment)
        marker.write_text("inside the transaction")
        time.sleep(120)
        return result

    submission.rescore = paused


def main() -> None:
    if os.environ.get("FAULT_PAUSE_MARKER"):
        _pause_inside_the_submission(Path(os.environ["FAULT_PAUSE_MARKER"]))
    app = create_app({"ENV": "testing", "DATABASE_URL": os.environ["FAULT_DATABASE_URL"],
                      "INSTANCE_PATH": os.environ["FAULT_INSTANCE_PATH"]})
    make_server("127.0.0.1", int(sys.argv[1]), app).serve_forever()


ROOT = Path(__file__).resolve().parents[2]


def start(port: int, env: dict[str, str]) -> subprocess.Popen:
    """This module in a process of its own on ``port``, once it answers /healthz."""
    server = subprocess.Popen([sys.executable, "-m", "tests.faults.server", str(port)],
                              env=env, cwd=ROOT, stderr=subprocess.DEVNULL)
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the web process did not start")


def post_portal_form(port: int, path: str, action: str, fields: dict[str, str],
                     outcome: list, *, timeout: float) -> None:
    """As the vendor's browser: open the portal page ``path``, then post ``fields`` with
    its CSRF token to ``path/action``; append the status (or the connection's error)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path)
    response = connection.getresponse()
    page = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    try:
        connection.request("POST", f"{path}/{action}", body=urlencode(
            {**fields, "csrf_token": token}), headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        outcome.append(connection.getresponse().status)
    except OSError as error:
        outcome.append(error)


if __name__ == "__main__":
    main()
