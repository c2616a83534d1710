"""The outbox tests reuse the portal's vendor with a contact and the small standard."""

from tests.portal.conftest import vendor_with_contact  # noqa: F401  (a fixture)
