"""Contracts through the pages: a vendor with a contact, the people who act on it, and
small helpers to record contracts as procurement would."""

from datetime import timedelta

import pytest

from tests.assessments.conftest import people  # noqa: F401  (a fixture the tests here use)
from tests.portal.conftest import vendor_with_contact  # noqa: F401  (ditto)
from vendorrisk.auth.models import Role
from vendorrisk.contracts.clauses import MANDATORY
from vendorrisk.foundation.clock import utcnow


def day(days: int) -> str:
    return (utcnow() + timedelta(days=days)).date().isoformat()


def contract_form(**changes: object) -> dict[str, object]:
    """A signed consignment contract in force for a year, kept five years."""
    return {"type": "consignment_contract", "title": "Consignment agreement",
            "reference": "PI-2026-7", "counterparty_signatory": "Taro Yamada, CEO",
            "signed_on": day(-5), "effective_from": day(-5), "effective_to": day(360),
            "retention_until": day(360 + 5 * 365), **changes}


def all_clauses(*, but: str = "") -> dict[str, str]:
    return {f"clause-{clause.key}": f"Art. {number}"
            for number, clause in enumerate(MANDATORY, 3) if clause.key != but}


def record_contract(client, vendor_id: int, **changes: object) -> int:
    """As the logged-in procurement user: record a contract; return its id."""
    response = client.post(f"/contracts/new/{vendor_id}", data=contract_form(**changes))
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


@pytest.fixture
def procurement(make_user):
    return make_user(Role.PROCUREMENT, email="pia@example.com", name="Pia Procurement")
