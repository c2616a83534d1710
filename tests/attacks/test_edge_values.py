"""Edge values in every route parameter and every query argument: numbers past 32 and 64
bits, negative and not-quite numbers, NUL, CR/LF, 10,000 characters, odd Unicode, and JSON
nested 100,000 deep. The app answers each with a 4xx (a path that names nothing is a 404,
an argument it cannot read a 400), never a server error and never a Python exception.

The routes come from ``app.url_map``, and the query arguments from what each page reads
when the walk first opens it (recorded), so new routes and arguments are walked without a
line here. Logged in with every role, the API with an every-role token, the portal with a
live link of each kind.
"""

import contextlib
import re
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from flask import Request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter, Rule

import vendorrisk
from tests.api.conftest import api_token, bearer  # noqa: F401  (a fixture)
from tests.attacks.test_sql_injection import NAMES
from tests.helpers import table_snapshot
from tests.test_roles import _object_ids
from tests.test_routes import STATE_CHANGING, _rules
from vendorrisk.assessments.links import new_token
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.auth.models import Role
from vendorrisk.contracts.models import Termination
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.routing import MAX_ID, query_int
from vendorrisk.incidents.models import IncidentLink
from vendorrisk.requests.models import DataRequestTask
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import VendorStatus

# Numbers an <int:...> parameter's digits let through: past 32 bits (PostgreSQL's ids),
# 63 and 64 bits (SQLite's), more digits than any integer type, more than int() reads.
BEYOND = [str(MAX_ID + 1), str(2**63), str(2**64), "9" * 25, "9" * 5_000]
NUMBERS = ["0", *BEYOND]
HOSTILE = [*NUMBERS, "0" * 30 + "1", "-1", "-0", "1e309", "1.5", "NaN", "0x1F", "1_000",
           " 7", "²", "١٢", "\x00", "x\r\nSet-Cookie: a=b", "a" * 10_001, "\u202e\u0301\U0001f600",
           "\ufeff\uff21", "../../etc/passwd", "%", "{}"]
NOT_UTF8 = "%FF%FE"
# Query arguments: one of each kind (the other numbers, text and spellings add nothing).
QUERY = [quote(value, safe="") for value in (
    str(MAX_ID + 1), str(2**63), "9" * 25, "9" * 5_000, "-1", "1e309", "²", "\x00",
    "x\r\nSet-Cookie: a=b", "a" * 10_001, "\u202e\u0301\U0001f600")] + [NOT_UTF8]
DEEP = 100_000
LEAK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]*\.py\", line \d|"
                  r"\b(?:sqlalchemy|psycopg|sqlite3|werkzeug)\.[a-z]|\b(?:Overflow|"
                  r"Recursion|Value|Type|Key|Attribute|Index|Unicode\w*|Integrity|Data|"
                  r"Operational|Programming)Error\b")
TEXT = ("text/", "application/json", "application/problem+json")
ANY_ID = "1"  # a route parameter the world holds no object for
# A refused POST changes nothing but the logs (refused link uses, API calls).
LOGS = {"audit_events", "api_tokens", "portal_link_uses"}
PACKAGE = str(Path(vendorrisk.__file__).parent)

# Limits high enough for the walk (RATELIMIT_ENABLED=False would stay with the shared
# limiter for the tests after these).
pytestmark = pytest.mark.parametrize("app", [{
    name: "100000 per minute" for name in ("API_RATE_LIMIT", "PORTAL_RATE_LIMIT",
                                           "PORTAL_IP_RATE_LIMIT")}],
    indirect=True, ids=["high-rate-limits"])


@pytest.fixture
def world(app, auth, make_user, api_token, monkeypatch):  # noqa: F811
    """Every role logged in, an every-role API token, one object of each kind, and a
    live link of each kind (by portal prefix). PDFs are laid out by a stub: the walk is
    about reading the request (tests/reports read real PDFs)."""
    monkeypatch.setattr("vendorrisk.foundation.printing.html_to_pdf",
                        lambda html, **options: b"%PDF-1.4 stub")
    ids = _object_ids(app, make_user)
    auth.login_as(*Role)
    now, later = utcnow(), utcnow() + timedelta(days=30)
    with app.app_context():
        parent = db.session.get(Vendor, ids["vendor_id"])
        parent.status, contact = VendorStatus.APPROVED, parent.contacts[0]
        sent = create_assessment(parent, kind="selection", version=None, version_reason="",
                                 due_on=later.date(), contacts=[contact], actor=None, now=now)
        tokens = {"/portal/": urlsplit(send_assessment(sent, actor=None, now=now)[0]
                                       ).path.rsplit("/", 1)[1]}
        tokens["/portal/incidents/"], incident_hash = new_token()
        db.session.add(IncidentLink(vendor_id=parent.id, token_hash=incident_hash,
                                    email=contact.email, issued_at=now, expires_at=later))
        termination = db.session.get(Termination, ids["termination_id"])
        tokens["/portal/deletion/"], termination.link_token_hash = new_token()
        termination.link_expires_at = later
        task = db.session.get(DataRequestTask, ids["task_id"])
        tokens["/portal/requests/"], task.token_hash = new_token()
        task.answered_at = now  # an answered task's link shows the answer
        db.session.commit()
    return {"ids": ids, "tokens": tokens, "api": bearer(api_token(*Role))}


def _values(rule: Rule, world) -> dict[str, str]:
    """A real value for every parameter of ``rule`` (the portal's token of its kind)."""
    values = {}
    for name in rule.arguments:
        if name == "token":
            prefix = max((p for p in world["tokens"] if rule.rule.startswith(p)), key=len)
            values[name] = world["tokens"][prefix]
        else:
            values[name] = str(world["ids"].get(name, ANY_ID))
    return values


def _path(rule: Rule, values: dict[str, str]) -> str:
    """The rule's path with ``values`` put in as raw (already quoted) text."""
    return re.sub(r"<(?:[^:<>]+:)?(\w+)>", lambda match: values[match.group(1)], rule.rule)


def _walked(app) -> list[Rule]:
    return [rule for rule in _rules(app) if not rule.endpoint.endswith("static")]


def _headers(path: str, world) -> dict[str, str]:
    return world["api"] if path.startswith("/api/") else {}


class _Failures(list):
    """What went wrong, one example of each kind in the assertion's message."""

    def check(self, client, method: str, url: str, allowed=None, *,  # noqa: ANN001
              mimetype: str | None = None, **kwargs) -> None:
        """One request: a server error, an exception, a leak, a status not ``allowed``
        or another ``mimetype`` is noted."""
        try:
            response = client.open(url, method=method, **kwargs)
        except Exception as error:  # noqa: BLE001  (noted with its request)
            self.append((type(error).__name__, method, url, str(error)[:200]))
            return
        response.close()
        status, text = response.status_code, response.mimetype.startswith(TEXT)
        leaks = LEAK.findall(response.get_data(as_text=True)) if text else []
        if status >= 500 or (allowed and status not in allowed) or leaks or (
                mimetype and response.mimetype != mimetype):
            self.append((status, method, url, [response.mimetype, *leaks[:3]]))

    def assert_none(self) -> None:
        kinds: dict[object, list] = {}
        for kind, *example in self:
            kinds.setdefault(kind, []).append(example)
        assert not self, f"{len(self)} failures:\n" + "\n".join(
            f"{kind} x{len(found)}, e.g. {found[0][0]} {found[0][1][:150]} {found[0][2]}"
            for kind, found in kinds.items())


def test_the_int_converter_reads_only_ids_in_range(app):
    """Anything but ASCII digits up to MAX_ID is a 404, also for a POST where a GET rule
    has the same path (werkzeug's own converter makes that a 405)."""
    adapter, read = app.url_map.bind("localhost"), []
    for value in [*(quote(value, safe="") for value in HOSTILE), NOT_UTF8]:
        for method in ("GET", "POST"):
            with contextlib.suppress(NotFound):
                read.append(adapter.match(f"/auth/users/{value}", method=method)[1])
    assert read == [{"user_id": 0}] * 2 + [{"user_id": 1}] * 2  # "0" and "000…001"


def test_a_number_out_of_range_is_named(client, world):
    beyond = str(2**63)
    assert client.get(f"/vendors/{beyond}").status_code == 404
    page = client.get(f"/vendors/?owner={beyond}")
    assert page.status_code == 400
    assert "owner must be a whole number from 0 to 2147483647." in page.text
    assert "page must be a whole number from 1 to" in client.get("/incidents/?page=x").text
    problem = client.get(f"/api/v1/vendors?page={beyond}", headers=world["api"])
    assert (problem.status_code, problem.mimetype) == (400, "application/problem+json")
    assert problem.json["errors"] == [{
        "field": "page", "message": "page must be a whole number from 1 to 2147483647."}]


def test_every_route_parameter_refuses_edge_values_with_a_4xx(app, client, world):
    """Each value in each parameter (an <int:...> one gets the numbers its digits let
    through: any other text matches no rule, as the test above shows)."""
    failures = _Failures()
    with app.app_context():
        before = table_snapshot()
    for rule in _walked(app):
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        for name in rule.arguments:
            numeric = isinstance(rule._converters[name], IntegerConverter)
            for value in NUMBERS if numeric else [*HOSTILE, NOT_UTF8]:
                url = _path(rule, {**_values(rule, world), name: quote(value, safe="")})
                beyond = {404} if numeric and value in BEYOND else None
                for method in methods:
                    failures.check(client, method, url, beyond,
                                   headers=_headers(rule.rule, world))
    failures.assert_none()
    with app.app_context():
        after = table_snapshot()
        assert {name for name in before if before[name] != after[name]} <= LOGS


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


def _arguments_read(app, client, world) -> list[tuple[str, dict, set[str], set[str]]]:
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
        return path, _headers(path, world), {name for name, _ in found}, numbers

    everywhere = reads("/no-such-page", {})
    walks = [walk("/no-such-page", everywhere)] + [
        walk(path, reads(path, _headers(path, world)) - everywhere)
        for path in [_path(rule, _values(rule, world))
                     for rule in _walked(app) if "GET" in rule.methods]]
    app.request_class = Request
    return walks


def test_every_query_argument_refuses_edge_values_with_a_4xx(app, client, world):
    """Each argument a page reads gets each value alone (one read as a whole number: a
    400); a page that goes through all its arguments also gets the list pages' argument
    names, all at once."""
    walks = _arguments_read(app, client, world)
    assert {"page", "per_page", "owner", "vendor", "vendor_id"} <= set().union(
        *(numbers for *_, numbers in walks))
    failures = _Failures()
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


def test_deeply_nested_json_is_a_problem_document(app, client, world):
    """Sent to every API route that reads a body: a list, an object, and a field's value
    nested as deep as the parser goes."""
    failures = _Failures()
    for body in ("[" * DEEP + "]" * DEEP, '{"a":' * DEEP + "1" + "}" * DEEP,
                 '{"legal_name": ' + "[" * 990 + "]" * 990 + "}"):
        for rule in _walked(app):
            for method in sorted(rule.methods & STATE_CHANGING):
                if rule.endpoint.startswith("api."):
                    failures.check(client, method, _path(rule, _values(rule, world)),
                                   {400, 422}, mimetype="application/problem+json",
                                   data=body, content_type="application/json", csrf=False,
                                   headers={**world["api"], "If-Match": "*"})
    failures.assert_none()

