"""Link tokens never reach a log.

A vendor's link (``/portal/<token>``, and the deletion, incident and request links under
``/portal/deletion/``, ``/portal/incidents/``, ``/portal/requests/``) is its key; only its
hash is stored, and a log line must not hold it either. Every log record made in the
process has its message, its exception text and its stack masked as it is made, whatever
logger makes it and whatever handler writes it: the application's own lines, Flask's
error reports, the development server's request lines and gunicorn's access log in the
worker. A masked token keeps its first six characters (enough to tell links apart in a
log, far too few to use one); so does a token quoted on its own.
"""

import logging
import re
from typing import Any

KEPT = 6
# The token is the path segment after /portal/ (or after /portal/deletion/ and the like),
# also where a URL carries the path encoded (a next= parameter).
LINK = re.compile(r"(?P<prefix>(?:/|%2F)portal(?:/|%2F)"
                  r"(?:(?:deletion|incidents|requests)(?:/|%2F))?)"
                  r"(?P<token>(?:(?!%2F)[^/?#&\s\"'<>])+)", re.IGNORECASE)


# A token quoted on its own (an exception's message, a path another module half masked):
# 43 URL-safe characters, as secrets.token_urlsafe(32) makes them, of both cases (a
# lower-case name of that length, such as a column's, is left alone).
BARE = re.compile(r"(?<![\w-])(?=[\w-]*[A-Z])(?=[\w-]*[a-z])(?P<token>[\w-]{43})(?![\w-])",
                  re.ASCII)


def mask_tokens(text: str) -> str:
    """``text`` with every link token cut to its first characters and an ellipsis."""
    text = LINK.sub(lambda found: found["prefix"] + found["token"][:KEPT] + "…", text)
    return BARE.sub(lambda found: found["token"][:KEPT] + "…", text)


def mask_record(record: logging.LogRecord) -> None:
    """Mask ``record`` in place: its message is formatted now (the arguments may hold a
    path), and so is its exception's text."""
    try:
        message = record.getMessage()
    except Exception:  # arguments that do not fit the message: keep both, masked
        message = f"{record.msg!s} {record.args!r}"
    record.msg, record.args = mask_tokens(message), ()
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = mask_tokens(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_tokens(record.stack_info)


class TokenMasking(logging.Filter):
    """A filter for a handler or logger of one's own: masks each record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record)
        return True


def mask_tokens_in_logs() -> None:
    """Mask every log record this process makes from now on (once per process; making
    the app again, or gunicorn's hook and the app both, install nothing twice)."""
    make = logging.getLogRecordFactory()
    if getattr(make, "masks_tokens", False):
        return

    def masked(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        mask_record(record)
        return record

    masked.masks_tokens = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(masked)
