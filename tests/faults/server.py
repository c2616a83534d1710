"""The application in a process of its own, for the fault tests: run as
``python -m tests.faults.server PORT``. With FAULT_PAUSE_MARKER set, a submission stops
inside its transaction (after its writes, before its commit), writes that file and
waits there to be killed."""

import os
import sys
import time
from pathlib import Path

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


if __name__ == "__main__":
    main()
