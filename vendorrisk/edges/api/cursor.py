"""The register's keyset cursor as the API hands it out (``after`` in a ``next`` link):
the sort key of the page's last vendor, as URL-safe base64 of JSON. A page reached by
its cursor costs what the first page costs, however deep in a large register; a page
asked for by number reads every row before it."""

import base64
import binascii
import json
from datetime import datetime
from enum import Enum
from typing import Any

from vendorrisk.foundation.problems import Problem
from vendorrisk.foundation.routing import MAX_ID
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.queries import KEYS, sort_key
from vendorrisk.vendors.vocabulary import Tier, VendorStatus


# A key's values back from JSON, by column (the rest are text or ids as they are).
def _moment(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(text)
    return moment


_READ = {"tier": Tier, "status": VendorStatus, "updated_at": _moment}


def cursor_of(vendor: Vendor, sort: str) -> str:
    values = [value.value if isinstance(value, Enum) else
              value.isoformat() if isinstance(value, datetime) else value
              for value in sort_key(vendor, sort)]
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def read_cursor(text: str, sort: str) -> tuple[Any, ...] | None:
    """The sort key in ``text`` (None when empty); a cursor that is not one of ours,
    or was made for another sort, is refused (400)."""
    if not text:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        columns = KEYS[sort]
        if not isinstance(values, list) or len(values) != len(columns):
            raise ValueError(values)
        key = tuple(_READ[column.key](value) if column.key in _READ
                    else _plain(value, column.type.python_type)
                    for column, value in zip(columns, values, strict=True))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise Problem(400, "after is not a cursor of this list (take it from a next link, "
                      "with the same sort).") from None
    return key


def _plain(value: Any, kind: type) -> Any:
    """A name as text, an id as a number the database can hold."""
    if isinstance(value, bool) or not isinstance(value, kind) or (
            kind is int and not 0 <= value <= MAX_ID) or (kind is str and len(value) > 300):
        raise TypeError(value)
    return value
