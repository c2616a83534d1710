"""Loading an object that belongs to another one named in the same URL."""

from typing import Any, TypeVar

from flask import abort

from vendorrisk.foundation.extensions import db

M = TypeVar("M")


def child_or_404(model: type[M], object_id: int, **owner: Any) -> M:
    """``model`` row ``object_id``, or 404 unless it belongs to ``owner`` (one column=value).

    Another parent's object looks exactly like one that does not exist: nothing leaks.
    """
    ((column, value),) = owner.items()
    found = db.session.get(model, object_id)
    if found is None or getattr(found, column) != value:
        abort(404)
    return found
