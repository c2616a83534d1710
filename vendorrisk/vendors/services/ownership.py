"""A vendor handed to another owner: audited on its own, and both owners are told.

The owner decides who reads the vendor's incidents and hears of its deadlines, so a
reassignment is never silent: the previous owner learns who took the vendor over and
when, and the new owner learns that it is now theirs (neither hears of their own act).
"""

from datetime import datetime

from flask import current_app

from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.notifications.services import queue_email
from vendorrisk.vendors.models import Vendor


def tell_owners(vendor: Vendor, previous: User | None, *, actor: User | None,
                now: datetime) -> None:
    """Audit the change of owner of ``vendor`` from ``previous`` and e-mail both owners."""
    current = vendor.owner
    record("vendor.owner_changed", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"from": previous and previous.email,
                             "to": current and current.email})
    for person, role in ((previous, "previous"), (current, "new")):
        if person is None or not person.active or (actor is not None and person.id == actor.id):
            continue
        queue_email("owner_changed", recipient=person.email, language=person.language.value,
                    context={"user": person, "vendor": vendor, "role": role,
                             "previous": previous, "current": current, "actor": actor,
                             "when": now, "base_url": current_app.config["BASE_URL"]},
                    object_type="vendor", object_id=vendor.id, now=now)
