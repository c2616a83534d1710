"""The hash chain rules, without a database."""

from dataclasses import replace
from datetime import UTC, datetime

from vendorrisk.audit.chain import GENESIS_HASH, ChainedEvent, StoredEvent, event_hash, find_break

WHEN = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


def _chain(count: int) -> list[StoredEvent]:
    rows, prev = [], GENESIS_HASH
    for seq in range(1, count + 1):
        event = ChainedEvent(seq=seq, occurred_at=WHEN, actor_id=1, actor_label="a@example.com",
                             action="user.created", object_type="user", object_id=str(seq),
                             details={"email": f"u{seq}@example.com", "名前": "山田"},
                             prev_hash=prev)
        prev = event_hash(event)
        rows.append(StoredEvent(row_id=seq * 10, event=event, hash=prev))
    return rows


def test_intact_chain_has_no_break():
    assert find_break(_chain(5)) is None
    assert find_break([]) is None


def test_hash_is_stable_and_covers_every_field():
    event = _chain(1)[0].event
    assert event_hash(event) == event_hash(replace(event))
    for change in [{"action": "user.disabled"}, {"details": {}}, {"actor_id": 2},
                   {"occurred_at": WHEN.replace(second=1)}, {"object_id": "9"}]:
        assert event_hash(replace(event, **change)) != event_hash(event)


def test_same_instant_in_another_zone_hashes_the_same():
    event = _chain(1)[0].event
    tokyo = event.occurred_at.astimezone(datetime.now().astimezone().tzinfo)
    assert event_hash(replace(event, occurred_at=tokyo)) == event_hash(event)


def test_changed_row_is_named():
    rows = _chain(5)
    rows[2] = replace(rows[2], event=replace(rows[2].event, details={"email": "forged"}))
    broken = find_break(rows)
    assert (broken.row_id, broken.seq) == (30, 3)
    assert "does not match its hash" in broken.reason


def test_removed_row_is_named():
    rows = _chain(5)
    del rows[1]
    broken = find_break(rows)
    assert broken.seq == 3
    assert "sequence jumps from 1 to 3" in broken.reason


def test_rehashed_forgery_breaks_the_next_link():
    rows = _chain(4)
    forged = replace(rows[1].event, details={"email": "forged"})
    rows[1] = StoredEvent(row_id=rows[1].row_id, event=forged, hash=event_hash(forged))
    broken = find_break(rows)
    assert broken.seq == 3
    assert "previous-hash" in broken.reason
