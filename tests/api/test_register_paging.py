"""The register through the API when it is large: counted up to 1,000 (beyond, total and
pages are null unless count=exact is asked), and walked by cursors in each sort order —
every vendor once, in order, however deep the page; a cursor not of this list is 400."""

import base64
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.api.conftest import bearer
from tests.vendors.seeding import seed_vendors
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.models import Vendor

SIZE = 1010  # past the count's cap of 1,000


@pytest.fixture
def large(app):
    with app.app_context():
        seed_vendors(SIZE)
        expected = {sort: [vendor.id for vendor in db.session.scalars(
            db.select(Vendor).order_by(*order))] for sort, order in {
            "name": (Vendor.sort_name, Vendor.id),
            "tier": (Vendor.tier, Vendor.sort_name, Vendor.id),
            "updated": (Vendor.updated_at.desc(), Vendor.id.desc())}.items()}
    return expected


def _walk(client, token, first: str) -> list[int]:  # noqa: ANN001
    seen, url = [], first
    while url:
        body = client.get(url, headers=token).json
        seen += [item["id"] for item in body["items"]]
        url = body["links"]["next"]
        assert len(seen) <= SIZE + 100  # no loop
    return seen


def test_a_large_register_is_counted_on_request_and_walked_by_cursor(client, api_token,
                                                                     large):
    token = bearer(api_token(Role.AUDITOR))
    first = client.get("/api/v1/vendors?per_page=100", headers=token).json
    assert (first["total"], first["pages"], first["links"]["last"]) == (None, None, None)
    assert "after=" in first["links"]["next"]
    counted = client.get("/api/v1/vendors?per_page=100&count=exact", headers=token).json
    assert (counted["total"], counted["pages"]) == (SIZE, 11)
    for sort, expected in large.items():
        walked = _walk(client, token, f"/api/v1/vendors?per_page=100&sort={sort}")
        assert walked == expected, sort  # each once, in the sort's order
    # a page by number is the same page as the cursor's
    second = client.get(first["links"]["next"], headers=token).json
    by_number = client.get("/api/v1/vendors?per_page=100&page=2", headers=token).json
    assert [item["id"] for item in second["items"]] == [
        item["id"] for item in by_number["items"]]
    assert second["page"] == 2
    assert "after=" in second["links"]["self"]
    assert "after" not in parse_qs(urlsplit(second["links"]["prev"]).query)


def _cursor(values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    "nonsense", "%FF", "x" * 1001, _cursor([1]), _cursor(["a", "b"]), _cursor([None, 1]),
    _cursor(["a", True]), _cursor(["a", 10**20]), _cursor(["a", -1]), _cursor({"a": 1}),
    _cursor(["a" * 301, 1]), _cursor(["a", 1, 2])])
def test_a_cursor_not_of_this_list_is_refused(client, api_token, cursor):
    token = bearer(api_token(Role.AUDITOR))
    response = client.get(f"/api/v1/vendors?after={cursor}", headers=token)
    assert response.status_code == 400
    assert "after" in response.json["detail"]


def test_a_cursor_of_another_sort_is_refused(client, api_token, large):
    token = bearer(api_token(Role.AUDITOR))
    first = client.get("/api/v1/vendors?per_page=5", headers=token).json
    after = parse_qs(urlsplit(first["links"]["next"]).query)["after"][0]
    for sort in ("tier", "updated"):
        response = client.get(f"/api/v1/vendors?sort={sort}&after={after}", headers=token)
        assert response.status_code == 400, sort
    naive = _cursor(["2027-01-01T00:00:00", 5])  # a moment without its zone
    assert client.get(f"/api/v1/vendors?sort=updated&after={naive}",
                      headers=token).status_code == 400
    unknown = _cursor(["9", "x", 5])  # not a tier
    assert client.get(f"/api/v1/vendors?sort=tier&after={unknown}",
                      headers=token).status_code == 400
