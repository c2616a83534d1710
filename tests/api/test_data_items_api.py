"""The API reads and writes a vendor's data items (issue 25, R1): left out of a change,
those that still fit the categories stay; a misplaced one is refused with 422."""

from tests.api.conftest import bearer
from tests.conftest import VENDOR_BASE
from vendorrisk.auth.models import Role


def test_the_api_reads_and_writes_the_items(client, api_token):
    token = api_token(Role.PROCUREMENT)
    created = client.post("/api/v1/vendors", headers=bearer(token), json={
        **VENDOR_BASE, "categories": ["customer", "employee"],
        "data_items": ["name", "salary"]})
    assert created.status_code == 201, created.json
    assert created.json["data_items"] == ["name", "salary"]
    url = created.headers["Location"]
    narrowed = client.patch(url, json={"categories": ["customer"]},
                            headers={**bearer(token), "If-Match": created.headers["ETag"]})
    assert narrowed.status_code == 200, narrowed.json
    assert narrowed.json["data_items"] == ["name"]
    refused = client.patch(url, json={"data_items": ["bank_account"]},
                           headers={**bearer(token), "If-Match": narrowed.headers["ETag"]})
    assert refused.status_code == 422
    assert "“Bank account” is not an item" in str(refused.json)
