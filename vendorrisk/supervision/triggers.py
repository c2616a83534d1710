"""Triggers (docs/rules.md): a change that calls for a reassessment now. The audit log is
the source — every change is in it — so the job reads the events since its last
successful run and opens one `triggered` reassessment per event, once (the event's
sequence number is the key).

Read here: a data-profile change that moves the vendor to another tier band, or across a
sensitivity (S) or volume (V) band inside its tier; a new or changed sub-consignee; a
change of the countries where the data is handled; an incident reported at a vendor
(its own event names the vendor); a "yes" in a submitted annual confirmation (a change
of control, of scope, of countries or of sub-consignees: keyed by the confirmation, so a
confirmation returned and submitted again does not open a second one). A lapsed
certificate is read from the vendor's latest signed answers instead (certificates.py),
keyed by vendor, certificate and date; a lapsed sub-consignee from the chain
(chain_lapses.py), keyed by link and the day the lapse was found.

Each reassessment's audit details carry ``code`` and ``params`` (labels.py turns them
into words in the reader's language) beside the English ``reason``.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import String, cast, func, select

from vendorrisk.assessments.models import Assessment, AssessmentKind
from vendorrisk.audit.models import AuditEvent
from vendorrisk.audit.services import record
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import claim, taken
from vendorrisk.supervision.certificates import certificates
from vendorrisk.supervision.chain_lapses import lapsed_sub_consignees
from vendorrisk.supervision.jobs import open_assessment, start
from vendorrisk.supervision.models import JobRun, RunOutcome
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.tiering import VOLUME, sensitivity
from vendorrisk.vendors.vocabulary import SUPERVISED, DataCategory, IndividualsBand

FIRST_LOOKBACK = timedelta(days=30)  # a first run reads this far back
OVERLAP = timedelta(days=1)  # re-read past the last run: keys make it harmless


Reason = tuple[str, dict[str, Any]]  # a code (labels.TRIGGER_LABELS) and its parameters


def trigger_code(event: AuditEvent) -> Reason | None:
    """Why ``event`` calls for a reassessment, as a code and parameters, or None."""
    details = event.details or {}
    if event.action == "vendor.tier_computed":
        before, after = details.get("from"), details.get("to")
        return ("tier_changed", {"from": before, "to": after}) if before and \
            before != after else None
    if event.action in {"vendor.sub_consignee_added", "vendor.sub_consignee_changed"}:
        return "sub_consignee_" + event.action.rsplit("_", 1)[1], {}
    if event.action == "vendor.updated" and "countries" in details:
        before, after = details["countries"]
        return "countries_changed", {"before": before, "after": after}
    if event.action == "vendor.updated":
        return band_crossing(details)
    if event.action == "incident.reported":
        return "incident_reported", {"incident_id": event.object_id}
    if event.action == "assessment.submit":
        return confirmation_changes(int(event.object_id))
    return None


def band_crossing(details: dict[str, Any]) -> Reason | None:
    """A crossing of the sensitivity (S) or volume (V) band (DOMAIN §5) in a profile
    change, the tier's own factor functions deciding; a change of tier is read from its
    own event (the first opens the reassessment, the other finds it under way)."""
    crossed = {}
    if "categories" in details:
        before, after = (sensitivity(_known(DataCategory, values))
                         for values in details["categories"])
        if before != after:
            crossed["S"] = [before, after]
    if "individuals" in details:
        before, after = (VOLUME.get(_member(IndividualsBand, value))
                         for value in details["individuals"])
        if before is not None and after is not None and before != after:
            crossed["V"] = [before, after]
    return ("band_crossed", crossed) if crossed else None


def _member(enum: type, value: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        return None


def _known(enum: type, values: list[Any]) -> list[Any]:
    return [member for member in (_member(enum, value) for value in values or [])
            if member is not None]


def confirmation_changes(assessment_id: int) -> Reason | None:
    """The changes a submitted annual confirmation reports with a "yes"."""
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None or assessment.kind != AssessmentKind.CONFIRMATION:
        return None
    changed = sorted(answer.question_id for answer in assessment.answers
                     if answer.question_id in CONFIRMATION_CHANGES and answer.value == "yes")
    return ("confirmation_changes", {"questions": changed, "assessment_id": assessment_id}
            ) if changed else None


# The annual confirmation's questions (questionnaires/annual-confirmation) whose "yes"
# reports a change that calls for a reassessment.
CONFIRMATION_CHANGES = ("company_control_changed", "scope_changed", "scope_countries_changed",
                        "scope_sub_consignees_changed")


def english(code: str, params: dict[str, Any]) -> str:
    """The reason in English, as the audit log has always kept it."""
    if code == "tier_changed":
        return f"tier {params['from']} → {params['to']}"
    if code in {"sub_consignee_added", "sub_consignee_changed"}:
        return code.replace("_", " ").replace("sub consignee", "sub-consignee")
    if code == "countries_changed":
        return f"countries {', '.join(params['before'])} → {', '.join(params['after'])}"
    if code == "incident_reported":
        return f"incident {params['incident_id']} reported"
    if code == "band_crossed":
        return "band crossed: " + ", ".join(f"{factor} {before} → {after}" for factor, (
            before, after) in sorted(params.items()))
    if code == "confirmation_changes":
        return "annual confirmation: " + ", ".join(params["questions"])
    return code


def vendor_of(event: AuditEvent) -> int | None:
    """The vendor a triggering event is about."""
    if event.object_type == "incident":
        return int(event.details["vendor_id"])
    if event.object_type == "assessment":
        return db.session.scalar(select(Assessment.vendor_id).where(
            Assessment.id == int(event.object_id)))
    return int(event.object_id)


def event_key(event: AuditEvent, reason: Reason) -> str:
    """The once-key: the event, or for a confirmation the confirmation itself."""
    if reason[0] == "confirmation_changes":
        return f"confirmation:{reason[1]['assessment_id']}"
    return f"trigger:{event.seq}"


ACTIONS = ("vendor.tier_computed", "vendor.sub_consignee_added",
           "vendor.sub_consignee_changed", "vendor.updated", "incident.reported",
           "assessment.submit")


def _since(now: datetime) -> datetime:
    # The last run's end: an idle row (edges/scheduler/history.py) starts with its first
    # idle run and ends with its last; OVERLAP covers the length of a run.
    last = db.session.scalar(select(func.max(JobRun.finished_at)).where(
        JobRun.job == "triggers", JobRun.outcome == RunOutcome.OK))
    return (last - OVERLAP) if last else now - FIRST_LOOKBACK


def open_triggered_reviews(now: datetime) -> dict[str, int]:
    """One triggered reassessment per triggering event of a supervised vendor."""
    counts: Counter = Counter()
    lead = timedelta(days=int(current_app.config["REVIEW_LEAD_DAYS"]))
    events = db.session.scalars(select(AuditEvent).where(
        AuditEvent.action.in_(ACTIONS),
        AuditEvent.object_type.in_(("vendor", "incident", "assessment")),
        AuditEvent.occurred_at >= _since(now), AuditEvent.occurred_at <= now)
        .order_by(AuditEvent.seq))
    events = events.all()
    # A band crossed by the change that also moved the tier: the tier's event says it.
    retiered = {(event.object_id, event.occurred_at) for event in events
                if event.action == "vendor.tier_computed" and trigger_code(event)}
    for event in events:
        reason = trigger_code(event)
        if reason and reason[0] == "band_crossed" and (
                event.object_id, event.occurred_at) in retiered:
            continue
        vendor_id = vendor_of(event) if reason else None
        vendor = db.session.get(Vendor, vendor_id) if vendor_id is not None else None
        if vendor is not None and vendor.status in SUPERVISED:
            code, params = reason
            ignore = params.get("assessment_id")  # the confirmation covers nothing
            _trigger(vendor, event_key(event, reason),
                     {"reason": english(code, params), "code": code, "params": params,
                      "event_seq": event.seq}, now.date() + lead, now, counts, ignore=ignore)
    _lapsed_certificates(now, now.date() + lead, counts)
    lapsed_sub_consignees(now, now.date() + lead, counts, _trigger)
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
            params = {"question_id": certificate.question_id,
                      "expires_on": certificate.expires_on.isoformat()}
            _trigger(db.session.get(Vendor, certificate.vendor_id), key,
                     {"reason": f"certificate lapsed: {certificate.question_id} "
                                f"{certificate.expires_on}", "code": "certificate_lapsed",
                      "params": params}, due_on, now, counts)


def _trigger(vendor: Vendor, key: str, details: dict, due_on: date, now: datetime,
             counts: Counter, *, ignore: int | None = None) -> None:
    """Open one triggered reassessment for ``key``, unless one is under way already (it
    covers the change; the key is spent). ``ignore``: an assessment that does not count
    as under way (the confirmation that reported the change)."""
    if open_assessment(vendor, ignore=ignore):
        if claim(key, job="triggers", now=now):
            counts["covered_by_open_assessment"] += 1
        return
    if start(vendor, "triggered", due_on, key, now, counts) == "sent":
        record("supervision.triggered", actor=None, actor_label="scheduler",
               object_type="vendor", object_id=vendor.id, now=now, details=details)


@dataclass(frozen=True)
class Triggered:
    """A triggered reassessment opened, as the supervision page lists it."""

    occurred_at: datetime
    vendor: Vendor
    details: dict


def recent_triggers(limit: int = 20) -> list[Triggered]:
    """The latest triggered reassessments with their reasons (labels.trigger_text)."""
    rows = db.session.execute(select(AuditEvent, Vendor).join(
        Vendor, AuditEvent.object_id == cast(Vendor.id, String)).where(
        AuditEvent.action == "supervision.triggered").order_by(AuditEvent.seq.desc())
        .limit(limit))
    return [Triggered(event.occurred_at, vendor, event.details or {})
            for event, vendor in rows]
