"""gunicorn's settings for production, named on its command line:

    gunicorn --config python:vendorrisk.gunicorn_conf --workers 4 \\
        --bind 127.0.0.1:8000 --access-logfile - "wsgi:app"

Link tokens are masked in every log line gunicorn writes, its access log included: the
master masks before it forks its workers, so a worker masks from its first line, before
the application is loaded (the application masks on its own as well).

The application is loaded once, in the master, and the workers are forked from it: a
worker is ready at once instead of spending seconds of CPU importing (WeasyPrint and the
rest) and compiling the templates, which under load is time taken from the requests being
served (measured: the load test's first seconds). Each worker then drops any database
connection it inherited, so that no two processes share one.
"""

import gc
from typing import Any

from vendorrisk.foundation.logmask import mask_tokens_in_logs

preload_app = True


def on_starting(server: Any) -> None:  # noqa: ARG001  (gunicorn's hook signature)
    """gunicorn's hook, run in the master before anything is logged or forked."""
    mask_tokens_in_logs()


def when_ready(server: Any) -> None:
    """gunicorn's hook, run in the master before it forks: templates compiled once, and
    what is loaded by now kept out of the workers' garbage collections (gc.freeze: they
    would scan it again and again, and touching it copies the shared memory)."""
    from vendorrisk.foundation.templating import compile_templates  # the app is loaded

    app = server.app.wsgi()
    if hasattr(app, "jinja_env"):
        compile_templates(app)
    gc.freeze()


def post_fork(server: Any, worker: Any) -> None:  # noqa: ARG001  (gunicorn's hook signature)
    """gunicorn's hook, run in each new worker: its connections are its own."""
    from vendorrisk.foundation.extensions import db  # the app is loaded by now

    app = server.app.wsgi()
    if hasattr(app, "app_context"):  # a Flask application (not a bare WSGI callable)
        with app.app_context():
            db.engine.dispose(close=False)
