"""Anchors of the audit log's head outside the database (R21; the hash chain in chain.py).

The scheduler's ``audit_anchor`` job appends the head — sequence, hash, time — to a file
in the upload storage (local folder or S3), and once a week e-mails it to the auditors
(supervision/audit_anchor.py). ``vendorrisk audit verify`` checks the log against every
anchor in the file and any given by hand: whoever deletes the newest rows in the
database cannot also take back what was written elsewhere.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from vendorrisk.audit.chain import Anchor, anchor_problem
from vendorrisk.audit.models import AuditEvent
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage

ANCHORS = "audit-anchors.jsonl"


@dataclass(frozen=True)
class AnchorCheck:
    """The outcome of checking the log against its anchors."""

    checked: int
    newest: Anchor | None
    problems: tuple[str, ...]


def head() -> Anchor | None:
    """The newest row's sequence and hash (None: the log is empty)."""
    row = db.session.execute(select(AuditEvent.seq, AuditEvent.hash)
                             .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return Anchor(row.seq, row.hash) if row else None


def stored_anchors() -> list[Anchor]:
    """Every anchor written so far, oldest first."""
    data = storage().read_named(ANCHORS)
    if data is None:
        return []
    anchors = []
    for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if line.strip():
            try:
                anchors.append(Anchor.parse(line))
            except ValueError as error:
                raise ValueError(f"{ANCHORS}, line {number}: {error}") from None
    return anchors


def write_anchor(now: datetime) -> Anchor | None:
    """Append the current head to the anchors file; None when there is nothing new to
    anchor (an empty log, or the head anchored last time)."""
    current = head()
    anchors = stored_anchors()
    if current is None or (anchors and anchors[-1].seq == current.seq):
        return None
    anchor = Anchor(current.seq, current.hash, now)
    lines = [item.line() for item in (*anchors, anchor)]
    storage().write_named(ANCHORS, ("\n".join(lines) + "\n").encode("utf-8"))
    return anchor


def check_anchors(given: Iterable[Anchor] = ()) -> AnchorCheck:
    """Check the log against the stored anchors and ``given`` ones (from an e-mail)."""
    anchors = [*stored_anchors(), *given]
    last_seq = db.session.scalar(select(func.max(AuditEvent.seq))) or 0
    hashes: dict[int, str] = {}
    wanted = sorted({anchor.seq for anchor in anchors})
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        hashes.update((row.seq, row.hash) for row in db.session.execute(
            select(AuditEvent.seq, AuditEvent.hash).where(AuditEvent.seq.in_(chunk))))
    problems = tuple(problem for anchor in anchors
                     if (problem := anchor_problem(anchor, hashes.get(anchor.seq), last_seq)))
    newest = max(anchors, key=lambda anchor: anchor.seq, default=None)
    return AnchorCheck(checked=len(anchors), newest=newest, problems=problems)
