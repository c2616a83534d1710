"""gunicorn's settings for production, named on its command line:

    gunicorn --config python:vendorrisk.gunicorn_conf --workers 4 \\
        --bind 127.0.0.1:8000 --access-logfile - "wsgi:app"

Link tokens are masked in every log line gunicorn writes, its access log included: the
master masks before it forks its workers, so a worker masks from its first line, before
the application is loaded (the application masks on its own as well).
"""

from typing import Any

from vendorrisk.foundation.logmask import mask_tokens_in_logs


def on_starting(server: Any) -> None:  # noqa: ARG001  (gunicorn's hook signature)
    """gunicorn's hook, run in the master before anything is logged or forked."""
    mask_tokens_in_logs()
