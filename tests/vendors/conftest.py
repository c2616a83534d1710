"""Factories for the register's tests."""


import pytest

from tests.api.conftest import api_token  # noqa: F401  (the status doors test the API too)
from tests.conftest import VENDOR_BASE
from vendorrisk.auth.models import Role


def vendor_form(**changes) -> dict:
    """Form data for the vendor pages."""
    data = {**VENDOR_BASE, "status": "prospect", "owner_id": "", **changes}
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def procurement(auth):
    return auth.login_as(Role.PROCUREMENT)
