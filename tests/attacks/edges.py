"""What the edge-value tests share: the hostile values, the world they are tried on (every
role, an every-role API token, one object and one live portal link of each kind), and the
recorder of what went wrong."""

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from werkzeug.routing import Rule

import vendorrisk
from tests.api.conftest import api_token, bearer  # noqa: F401  (a fixture)
from tests.test_roles import _object_ids
from tests.test_routes import _rules
from vendorrisk.assessments.links import new_token
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.auth.models import Role
from vendorrisk.contracts.models import Termination
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.routing import MAX_ID
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
# A refused POST changes nothing but the logs (refused link uses, API calls) and the
# session's last-seen time (touched once a minute of use: a walk longer than a minute,
# as on a busy machine, touches it).
LOGS = {"audit_events", "api_tokens", "portal_link_uses", "user_sessions"}
PACKAGE = str(Path(vendorrisk.__file__).parent)

# Limits high enough for the walk (RATELIMIT_ENABLED=False would stay with the shared
# limiter for the tests after these).
HIGH_RATE_LIMITS = pytest.mark.parametrize("app", [{
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


def route_values(rule: Rule, world) -> dict[str, str]:
    """A real value for every parameter of ``rule`` (the portal's token of its kind)."""
    values = {}
    for name in rule.arguments:
        if name == "token":
            prefix = max((p for p in world["tokens"] if rule.rule.startswith(p)), key=len)
            values[name] = world["tokens"][prefix]
        else:
            values[name] = str(world["ids"].get(name, ANY_ID))
    return values


def filled_path(rule: Rule, values: dict[str, str]) -> str:
    """The rule's path with ``values`` put in as raw (already quoted) text."""
    return re.sub(r"<(?:[^:<>]+:)?(\w+)>", lambda match: values[match.group(1)], rule.rule)


def walked_rules(app) -> list[Rule]:
    return [rule for rule in _rules(app) if not rule.endpoint.endswith("static")]


def headers_for(path: str, world) -> dict[str, str]:
    return world["api"] if path.startswith("/api/") else {}


class Failures(list):
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
