"""The hash chain over audit events: how a row's hash is made and how a chain is checked.

Pure functions over plain data, so the rule an auditor relies on reads in one place.
Each hash covers the row's own fields and the previous row's hash; changing, removing
or reordering any row breaks every hash after it. Removing the *newest* rows leaves a
shorter chain that still holds, so the head (sequence and hash) is also anchored outside
the database (anchors.py): a log that ends before an anchor, or differs at it, was cut.
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


@dataclass(frozen=True)
class Anchor:
    """The head of the chain as it was at ``at``, kept outside the database."""

    seq: int
    hash: str
    at: datetime | None = None  # None: given by hand (an e-mailed anchor)

    def line(self) -> str:
        """One line of the anchors file."""
        at = self.at.astimezone(UTC).isoformat() if self.at else None
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": at},
                          separators=(",", ":"))

    @classmethod
    def parse(cls, line: str) -> "Anchor":
        """An anchors-file line back; ValueError when it is not one."""
        try:
            data = json.loads(line)
            anchor = cls(int(data["seq"]), str(data["hash"]),
                         datetime.fromisoformat(data["at"]) if data.get("at") else None)
        except (KeyError, TypeError, ValueError) as error:  # JSONDecodeError is one
            raise ValueError(f"not an audit anchor: {line[:80]!r}") from error
        return anchor.checked()

    @classmethod
    def given(cls, text: str) -> "Anchor":
        """``SEQUENCE:HASH`` as an auditor copies it from the anchor e-mail."""
        seq, colon, digest = text.strip().partition(":")
        if not (seq.isdigit() and colon):
            raise ValueError(f"{text!r} is not SEQUENCE:HASH (for example 1234:9f86d0…)")
        return cls(int(seq), digest.lower()).checked()

    def checked(self) -> "Anchor":
        if self.seq < 1 or len(self.hash) != 64 or any(
                char not in "0123456789abcdef" for char in self.hash):
            raise ValueError(f"{self.seq}:{self.hash} is not a sequence number and a "
                             "SHA-256 hash of 64 hexadecimal digits")
        return self


def anchor_problem(anchor: Anchor, stored_hash: str | None, last_seq: int) -> str | None:
    """What is wrong with the log at ``anchor`` (None: it holds there). ``stored_hash``
    is the hash of the row with the anchor's sequence, ``last_seq`` the log's last."""
    when = f" on {anchor.at.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if anchor.at else ""
    if anchor.seq > last_seq:
        return (f"cut short: the log ends at sequence {last_seq}, but{when} it had reached "
                f"sequence {anchor.seq} (hash {anchor.hash[:12]}…); the rows after "
                f"sequence {last_seq} are missing")
    if stored_hash != anchor.hash:
        return (f"rewritten: sequence {anchor.seq} no longer has the hash anchored{when} "
                f"({anchor.hash[:12]}…)")
    return None
