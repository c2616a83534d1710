"""The "audit_anchor" job: the audit log's head is written outside the database every
day (audit/anchors.py), and in the first run of each week e-mailed to every auditor, who
keeps it: ``vendorrisk audit verify --anchor SEQUENCE:HASH`` checks the log against it
even if the stored anchors were lost. The once-key names the ISO week."""

from datetime import datetime

from vendorrisk.audit.anchors import stored_anchors, write_anchor
from vendorrisk.auth.models import Role
from vendorrisk.foundation.ledger import claim_all
from vendorrisk.notifications.handoffs import active_with_role
from vendorrisk.notifications.services import notify_people


def anchor_audit_log(now: datetime) -> dict[str, int]:
    """Anchor the head if it moved; e-mail the newest anchor once a week."""
    written = write_anchor(now)
    counts = {"audit_anchored": 1} if written else {}
    newest = written or next(reversed(stored_anchors()), None)
    if newest is None:
        return counts
    year, week, _ = now.isocalendar()
    if claim_all([f"audit_anchor:{year}-W{week:02d}"], job="audit_anchor", now=now):
        counts["audit_anchor_mailed"] = notify_people(
            "audit_anchor", active_with_role(Role.AUDITOR), now=now, template="audit_anchor",
            object_type="audit_anchor", object_id=newest.seq, context={"anchor": newest})
    return counts
