"""The outbox tests reuse the portal's vendor with a contact and the small standard, and
queue e-mails of other people's making."""

from types import SimpleNamespace

from tests.portal.conftest import vendor_with_contact  # noqa: F401  (a fixture)
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.services import queue_email


def queue_others(count: int, *, prefix: str = "other") -> None:
    """``count`` e-mails that other people's actions queued and nobody delivered yet."""
    now = utcnow()
    for number in range(count):
        queue_email("incident_link", recipient=f"{prefix}{number}@vendor.example.com",
                    language="en", context={
                        "contact": SimpleNamespace(name="Other",
                                                   language=SimpleNamespace(value="en")),
                        "vendor": SimpleNamespace(legal_name="Other K.K."),
                        "url": "http://127.0.0.1/portal/incidents/x",
                        "link": SimpleNamespace(expires_at=now),
                        "company": "Example Holdings K.K."},
                    object_type="vendor", object_id=number, now=now)
    db.session.commit()
