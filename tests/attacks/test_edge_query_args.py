"""Edge values in every query argument (numbers past 64 bits, NUL, CR/LF, 10,000
characters, odd Unicode, bytes that are not UTF-8): the app answers each with a 4xx (an
argument it cannot read is a 400), never a server error and never a Python exception.

The arguments come from what each page reads when the walk first opens it (recorded), so
new arguments are walked without a line here.
"""

import sys
from urllib.parse import quote

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict

from tests.api.conftest import api_token  # noqa: F401  (a fixture the world uses)
from tests.attacks.edges import (  # noqa: F401  (world: a fixture)
    HIGH_RATE_LIMITS,
    PACKAGE,
    QUERY,
    Failures,
    filled_path,
    headers_for,
    route_values,
    walked_rules,
    world,
)
from tests.attacks.test_sql_injection import NAMES
from vendorrisk.foundation.routing import query_int

pytestmark = HIGH_RATE_LIMITS


class _Reads:
    """(query argument, the functions of ours that read it); ``*``: all of them. The
    locale selector reads alike wherever a page calls it from."""

    found: set[tuple[str, tuple[str, ...]]] = set()
    selector: object = None


def _reader() -> tuple[str, ...]:
    frame, chain = sys._getframe(2), []
    while frame is not None:
        if frame.f_code is _Reads.selector:
            return (frame.f_code.co_qualname,)
        if frame.f_code.co_filename.startswith(PACKAGE):
            chain.append(frame.f_code.co_qualname)
        frame = frame.f_back
    return tuple(chain)


class _RecordingArgs(ImmutableMultiDict):
    def __getitem__(self, key):  # noqa: ANN001, ANN204
        _Reads.found.add((key, _reader()))
        return super().__getitem__(key)

    def __contains__(self, key) -> bool:  # noqa: ANN001
        _Reads.found.add((key, _reader()))
        return super().__contains__(key)

    def getlist(self, key, type=None):  # noqa: A002, ANN001, ANN201
        _Reads.found.add((key, _reader()))
        return super().getlist(key, type)

    def items(self, multi=False):  # noqa: ANN001, ANN201
        _Reads.found.add(("*", _reader()))
        return super().items(multi)


class _RecordingRequest(Request):
    parameter_storage_class = _RecordingArgs


def _arguments_read(app, client, world) -> list[tuple[str, dict, set[str], set[str]]]:  # noqa: F811
    """(path, headers, arguments read, those read as whole numbers) of each GET route,
    and of a path that names no route for what every request reads (the NUL and page
    checks, the language): those are walked there, once."""
    app.request_class = _RecordingRequest
    _Reads.selector = app.extensions["babel"].locale_selector.__code__

    def reads(path: str, headers: dict) -> set[tuple[str, tuple[str, ...]]]:
        _Reads.found = set()
        client.get(path, headers=headers).close()
        return _Reads.found

    def walk(path: str, found: set[tuple[str, tuple[str, ...]]]) -> tuple:
        numbers = {name for name, chain in found if query_int.__qualname__ in chain}
        return path, headers_for(path, world), {name for name, _ in found}, numbers

    everywhere = reads("/no-such-page", {})
    walks = [walk("/no-such-page", everywhere)] + [
        walk(path, reads(path, headers_for(path, world)) - everywhere)
        for path in [filled_path(rule, route_values(rule, world))
                     for rule in walked_rules(app) if "GET" in rule.methods]]
    app.request_class = Request
    return walks


def test_every_query_argument_refuses_edge_values_with_a_4xx(app, client, world):  # noqa: F811
    """Each argument a page reads gets each value alone (one read as a whole number: a
    400); a page that goes through all its arguments also gets the list pages' argument
    names, all at once."""
    walks = _arguments_read(app, client, world)
    assert {"page", "per_page", "owner", "vendor", "vendor_id"} <= set().union(
        *(numbers for *_, numbers in walks))
    failures = Failures()
    for path, headers, names, numbers in walks:
        others = sorted(set(NAMES) - names - walks[0][2]) if "*" in names else []
        for value in QUERY:
            for name in sorted(names - {"*"}):
                failures.check(client, "GET", f"{path}?{quote(name)}={value}",
                               {400} if name in numbers else None, headers=headers)
            if others:
                failures.check(client, "GET", f"{path}?" + "&".join(
                    f"{name}={value}" for name in others), headers=headers)
    failures.assert_none()
