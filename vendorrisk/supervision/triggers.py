"""Triggers (docs/rules.md): a change that calls for a reassessment now. The audit log is
the source — every change is in it — so the job reads the events since its last
successful run and opens one `triggered` reassessment per event, once (the event's
sequence number is the key).

Read here: a data-profile change that moves the vendor to another tier band, a new or
changed sub-consignee, a change of the countries where the data is handled. A lapsed
certificate is read from the vendor's latest signed answers instead (certificates.py),
keyed by vendor, certificate and date. An incident reported at a vendor is read from
its own event, which names the vendor.
"""

from collections import Counter
from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from vendorrisk.audit.models import AuditEvent
from vendorrisk.audit.services import record
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim, taken
from vendorrisk.supervision.certificates import certificates
from vendorrisk.supervision.jobs import open_assessment, start
from vendorrisk.supervision.models import JobRun, RunOutcome
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import SUPERVISED

FIRST_LOOKBACK = timedelta(days=30)  # a first run reads this far back
OVERLAP = timedelta(days=1)  # re-read past the last run: keys make it harmless


def trigger_reason(event: AuditEvent) -> str | None:
    """Why ``event`` calls for a reassessment, or None."""
    details = event.details or {}
    if event.action == "vendor.tier_computed":
        before, after = details.get("from"), details.get("to")
        return f"tier {before} → {after}" if before and before != after else None
    if event.action in {"vendor.sub_consignee_added", "vendor.sub_consignee_changed"}:
        return "sub-consignee " + event.action.rsplit("_", 1)[1]
    if event.action == "vendor.updated" and "countries" in details:
        before, after = details["countries"]
        return f"countries {', '.join(before)} → {', '.join(after)}"
    if event.action == "incident.reported":
        return f"incident {event.object_id} reported"
    return None


def vendor_of(event: AuditEvent) -> int:
    """The vendor a triggering event is about."""
    if event.object_type == "incident":
        return int(event.details["vendor_id"])
    return int(event.object_id)


ACTIONS = ("vendor.tier_computed", "vendor.sub_consignee_added",
           "vendor.sub_consignee_changed", "vendor.updated", "incident.reported")


def _since(now: datetime) -> datetime:
    last = db.session.scalar(select(func.max(JobRun.started_at)).where(
        JobRun.job == "triggers", JobRun.outcome == RunOutcome.OK))
    return (last - OVERLAP) if last else now - FIRST_LOOKBACK


def open_triggered_reviews(now: datetime) -> dict[str, int]:
    """One triggered reassessment per triggering event of a supervised vendor."""
    counts: Counter = Counter()
    lead = timedelta(days=int(current_app.config["REVIEW_LEAD_DAYS"]))
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action.in_(ACTIONS), AuditEvent.object_type.in_(("vendor", "incident")),
        AuditEvent.occurred_at >= _since(now), AuditEvent.occurred_at <= now)
        .order_by(AuditEvent.seq))
    for event in events.all():
        reason = trigger_reason(event)
        vendor = db.session.get(Vendor, vendor_of(event)) if reason else None
        if vendor is not None and vendor.status in SUPERVISED:
            _trigger(vendor, f"trigger:{event.seq}", {"reason": reason, "event_seq": event.seq},
                     now.date() + lead, now, counts)
    _lapsed_certificates(now, now.date() + lead, counts)
    return dict(counts)


def _lapsed_certificates(now: datetime, due_on: date, counts: Counter) -> None:
    """One triggered reassessment per certificate that has lapsed (per vendor,
    certificate and date); the ones handled on earlier days are skipped by one read."""
    keys = [(certificate, f"lapsed:{certificate.vendor_id}:{certificate.question_id}:"
                          f"{certificate.expires_on}")
            for certificate in certificates() if certificate.expires_on < now.date()]
    done = taken([key for _certificate, key in keys])
    for certificate, key in keys:
        if key not in done:
            _trigger(db.session.get(Vendor, certificate.vendor_id), key,
                     {"reason": f"certificate lapsed: {certificate.question_id} "
                                f"{certificate.expires_on}"}, due_on, now, counts)


def _trigger(vendor: Vendor, key: str, details: dict, due_on: date, now: datetime,
             counts: Counter) -> None:
    """Open one triggered reassessment for ``key``, unless one is under way already (it
    covers the change; the key is spent)."""
    if open_assessment(vendor):
        if claim(key, job="triggers", now=now):
            counts["covered_by_open_assessment"] += 1
        return
    if start(vendor, "triggered", due_on, key, now, counts) == "sent":
        record("supervision.triggered", actor=None, actor_label="scheduler",
               object_type="vendor", object_id=vendor.id, now=now, details=details)
