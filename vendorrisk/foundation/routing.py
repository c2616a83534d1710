"""Numbers in URLs: one bound for every id and page the app reads from a path or a query.

Ids are 32-bit integers in PostgreSQL, and SQLite cannot even compare a number past 2**63
with a column: a larger number names nothing. So an ``<int:...>`` path parameter beyond
:data:`MAX_ID` (or not in ASCII digits) matches no route, a 404 before any view runs; an
integer query argument is read by :func:`query_int`, which answers a 400 that names the
argument; and ``page``, which Flask-SQLAlchemy's ``paginate`` reads from the request by
itself, is checked the same way for every request. A NUL in a path segment names
nothing either (404).
"""

from collections.abc import Mapping
from typing import Any

from flask import Flask, request
from flask_babel import gettext as _
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter, Map, UnicodeConverter, ValidationError

from vendorrisk.foundation.errors import DomainError

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:...>``: ASCII digits (``\\d`` would also match "١٢") up to MAX_ID."""

    regex = r"[0-9]+"

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> Any:
        """The id, or 404 at once: werkzeug would answer a POST 405 when a GET rule
        shares the path."""
        try:
            return super().to_python(value)
        except ValidationError:
            raise NotFound() from None


class TextConverter(UnicodeConverter):
    """``<name>``: one path segment without a NUL (no database can store one, so no
    object has it in its name)."""

    def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        super().__init__(map, *args, **kwargs)
        self.regex = self.regex.replace("[^/]", "[^/\\x00]", 1)


class BadArgument(DomainError):
    """A query argument that is not what the page reads (400, the argument named)."""


def whole_number(name: str, text: str, *, default: int | None = None, minimum: int = 0,
                 maximum: int = MAX_ID) -> int | None:
    """The query argument ``name`` (its ``text``) as a whole number from ``minimum`` to
    ``maximum``, ``default`` when it is empty; else BadArgument."""
    if text == "":
        return default
    digits = text.isascii() and text.isdigit() and len(text) <= len(str(maximum))
    if not digits or not minimum <= int(text) <= maximum:
        raise BadArgument(_("%(name)s must be a whole number from %(minimum)s to "
                            "%(maximum)s.", name=name, minimum=minimum, maximum=maximum),
                          field=name)
    return int(text)


def as_id(text: str | None) -> int | None:
    """``text`` as a database id (ASCII digits, at most MAX_ID), or None: for form fields
    that carry an id, where ``str.isdigit()`` would let "²" through to ``int()``."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= len(str(MAX_ID)) \
            and int(text) <= MAX_ID:
        return int(text)
    return None


def query_int(name: str, default: int | None = None, *, minimum: int = 0,
              maximum: int = MAX_ID, args: Mapping[str, str] | None = None) -> int | None:
    """:func:`whole_number` of the request's query argument ``name`` (or of ``args``)."""
    source = request.args if args is None else args
    return whole_number(name, source.get(name) or "", default=default, minimum=minimum,
                        maximum=maximum)


def check_page() -> None:
    """``?page=`` is a page number wherever it is sent (``paginate`` reads it unasked)."""
    query_int("page", 1, minimum=1)


def init_routing(app: Flask) -> None:
    """The converters (before any blueprint adds a rule), and the page check."""
    app.url_map.converters.update(int=IdConverter, default=TextConverter,
                                  string=TextConverter)
    app.before_request(check_page)
