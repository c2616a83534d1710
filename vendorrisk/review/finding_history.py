"""A finding's history as people read it: each step's words in the reader's language,
an edit as "Due date: 2027-01-10 → 2027-02-10" (a person by name, a severity by its label),
never the stored keys."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from vendorrisk.assessments.labels import (
    FINDING_EVENT_LABELS,
    FINDING_FIELD_LABELS,
    SEVERITY_LABELS,
)
from vendorrisk.assessments.models import EvidenceFile
from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Finding, FindingEvent


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    what: str
    text: str | None
    changes: list[str]
    evidence: EvidenceFile | None


def finding_history(finding: Finding) -> list[HistoryLine]:
    return [HistoryLine(at=event.at, who=_who(event),
                        what=str(FINDING_EVENT_LABELS.get(event.action, event.action)),
                        text=event.text, changes=change_lines(event.changes or {}),
                        evidence=event.evidence)
            for event in finding.events]


def _who(event: FindingEvent) -> str:
    if event.user is not None:
        return event.user.name
    return event.respondent.email if event.respondent is not None else ""


def change_lines(changes: dict[str, list[Any]]) -> list[str]:
    """Each changed field as "Name: before → after" (the long texts in full)."""
    return [f"{FINDING_FIELD_LABELS.get(name, name)}: {_value(name, before)} → "
            f"{_value(name, after)}"
            for name, (before, after) in changes.items()]


def _value(name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if name == "severity":
        return str(SEVERITY_LABELS.get(value, value))
    if name == "owner":
        user = db.session.get(User, value)
        return user.name if user is not None else "—"
    return str(value)
