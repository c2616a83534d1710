"""The hash chain over audit events: how a row's hash is made and how a chain is checked.

Pure functions over plain data, so the rule an auditor relies on reads in one place.
Each hash covers the row's own fields and the previous row's hash; changing, removing
or reordering any row breaks every hash after it.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class ChainedEvent:
    """The fields of one audit row that its hash covers."""

    seq: int
    occurred_at: datetime
    actor_id: int | None
    actor_label: str
    action: str
    object_type: str
    object_id: str
    details: dict[str, Any]
    prev_hash: str


@dataclass(frozen=True)
class StoredEvent:
    """An audit row as read back: its chained fields, its stored hash and row id."""

    row_id: int
    event: ChainedEvent
    hash: str


@dataclass(frozen=True)
class ChainBreak:
    """The first row where the chain does not hold, and why."""

    row_id: int
    seq: int
    reason: str


def event_hash(event: ChainedEvent) -> str:
    """SHA-256 over a canonical JSON form of ``event``."""
    canonical = json.dumps(
        {
            "seq": event.seq,
            "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
            "actor_id": event.actor_id,
            "actor_label": event.actor_label,
            "action": event.action,
            "object_type": event.object_type,
            "object_id": event.object_id,
            "details": event.details,
            "prev_hash": event.prev_hash,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def find_break(rows: Iterable[StoredEvent]) -> ChainBreak | None:
    """Walk ``rows`` in sequence order; return the first break, or None if intact."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for row in rows:
        event = row.event
        if event.seq != expected_seq:
            return ChainBreak(
                row.row_id, event.seq, f"sequence jumps from {expected_seq - 1} to {event.seq}"
            )
        if event.prev_hash != expected_prev:
            return ChainBreak(
                row.row_id, event.seq, "previous-hash does not match the row before it"
            )
        if event_hash(event) != row.hash:
            return ChainBreak(row.row_id, event.seq, "content does not match its hash")
        expected_prev = row.hash
        expected_seq += 1
    return None
