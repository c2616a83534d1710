"""Edge values in every route parameter: numbers past 32 and 64 bits, negative and
not-quite numbers, NUL, CR/LF, 10,000 characters, odd Unicode, and JSON nested 100,000
deep. The app answers each with a 4xx (a path that names nothing is a 404), never a server
error and never a Python exception.

The routes come from ``app.url_map``, so new routes are walked without a line here. Logged
in with every role, the API with an every-role token, the portal with a live link of each
kind (tests/attacks/edges.py). Query arguments: test_edge_query_args.py.
"""

import contextlib
from urllib.parse import quote

from werkzeug.exceptions import NotFound
from werkzeug.routing import IntegerConverter

from tests.api.conftest import api_token  # noqa: F401  (a fixture the world uses)
from tests.attacks.edges import (  # noqa: F401  (world: a fixture)
    BEYOND,
    DEEP,
    HIGH_RATE_LIMITS,
    HOSTILE,
    LOGS,
    NOT_UTF8,
    NUMBERS,
    Failures,
    filled_path,
    headers_for,
    route_values,
    walked_rules,
    world,
)
from tests.helpers import table_snapshot
from tests.test_routes import STATE_CHANGING

pytestmark = HIGH_RATE_LIMITS


def test_the_int_converter_reads_only_ids_in_range(app):
    """Anything but ASCII digits up to MAX_ID is a 404, also for a POST where a GET rule
    has the same path (werkzeug's own converter makes that a 405)."""
    adapter, read = app.url_map.bind("localhost"), []
    for value in [*(quote(value, safe="") for value in HOSTILE), NOT_UTF8]:
        for method in ("GET", "POST"):
            with contextlib.suppress(NotFound):
                read.append(adapter.match(f"/auth/users/{value}", method=method)[1])
    assert read == [{"user_id": 0}] * 2 + [{"user_id": 1}] * 2  # "0" and "000…001"


def test_a_number_out_of_range_is_named(client, world):  # noqa: F811
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


def test_every_route_parameter_refuses_edge_values_with_a_4xx(app, client, world):  # noqa: F811
    """Each value in each parameter (an <int:...> one gets the numbers its digits let
    through: any other text matches no rule, as the test above shows)."""
    failures = Failures()
    with app.app_context():
        before = table_snapshot()
    for rule in walked_rules(app):
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        for name in rule.arguments:
            numeric = isinstance(rule._converters[name], IntegerConverter)
            for value in NUMBERS if numeric else [*HOSTILE, NOT_UTF8]:
                url = filled_path(rule, {**route_values(rule, world), name: quote(value, safe="")})
                beyond = {404} if numeric and value in BEYOND else None
                for method in methods:
                    failures.check(client, method, url, beyond,
                                   headers=headers_for(rule.rule, world))
    failures.assert_none()
    with app.app_context():
        after = table_snapshot()
        assert {name for name in before if before[name] != after[name]} <= LOGS


def test_deeply_nested_json_is_a_problem_document(app, client, world):  # noqa: F811
    """Sent to every API route that reads a body: a list, an object, and a field's value
    nested as deep as the parser goes."""
    failures = Failures()
    for body in ("[" * DEEP + "]" * DEEP, '{"a":' * DEEP + "1" + "}" * DEEP,
                 '{"legal_name": ' + "[" * 990 + "]" * 990 + "}"):
        for rule in walked_rules(app):
            for method in sorted(rule.methods & STATE_CHANGING):
                if rule.endpoint.startswith("api."):
                    failures.check(client, method, filled_path(rule, route_values(rule, world)),
                                   {400, 422}, mimetype="application/problem+json",
                                   data=body, content_type="application/json", csrf=False,
                                   headers={**world["api"], "If-Match": "*"})
    failures.assert_none()
