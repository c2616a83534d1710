"""In-transaction events: a feature says that something happened, and the features above
it that care react, without the lower one importing them.

An event is a frozen dataclass defined by the feature that publishes it. The app factory
subscribes the handlers (``subscribe``) when it builds the app; ``publish`` calls them at
once, in order, in the publisher's transaction: a handler changes rows and flushes, never
commits, so the change and what it sets in motion commit or roll back together.
"""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app

E = TypeVar("E")
_KEY = "vendorrisk.events"


def subscribe(app: Flask, event_type: type[E], handler: Callable[[E], None]) -> None:
    """Have ``handler`` called with every ``event_type`` published in ``app``."""
    handlers: dict[type, list[Callable[[Any], None]]] = app.extensions.setdefault(_KEY, {})
    if handler not in handlers.setdefault(event_type, []):
        handlers[event_type].append(handler)


def publish(event: object) -> None:
    """Run the handlers subscribed to ``event``'s type, in the caller's transaction."""
    for handler in current_app.extensions.get(_KEY, {}).get(type(event), ()):
        handler(event)
