"""Changing a finding: its severity, wording, owner and due date, each change kept in the
finding's history (what it was, what it became, who, when and why).

While the assessment is in review everything may change. Once the decision is signed,
the severity and the wording are part of what was signed and stay; the due date (an
extension agreed with the vendor) and the owner may still move, with a reason, until the
finding is closed or withdrawn. The signed record keeps the due date it was signed with.
"""

from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _

from vendorrisk.assessments.workflow import State
from vendorrisk.auth.models import User
from vendorrisk.foundation.errors import Conflict, Problems
from vendorrisk.review.finding_inputs import check_due_on, owner_of, severity_of, text_of
from vendorrisk.review.findings import (
    ensure_finding_changeable,
    record_event,
)
from vendorrisk.review.marks import ensure_reviewing
from vendorrisk.review.models import FINISHED, Finding

# The fields a change may touch, in the order the history names them.
FIELDS = ("severity", "description", "remediation", "owner", "due_on")
SIGNED_FIELDS = ("severity", "description", "remediation")  # frozen by the signature


def in_review(finding: Finding) -> bool:
    return finding.assessment.status in (State.SUBMITTED, State.IN_REVIEW)


def editable_fields(finding: Finding) -> tuple[str, ...]:
    """What may change now (nothing once the finding is closed or withdrawn)."""
    if finding.status in FINISHED:
        return ()
    return FIELDS if in_review(finding) else ("owner", "due_on")


def edit_finding(finding: Finding, *, severity: str, description: str, remediation: str,
                 owner_id: int | None, due_on: date | None, reason: str, actor: User,
                 now: datetime) -> dict[str, list[Any]]:
    """Apply the changes; return them as field → [before, after] (what the history
    shows). Every wrong input is reported at once; nothing changes on a refusal."""
    if finding.status in FINISHED:
        raise Conflict(_("A closed or withdrawn finding cannot be changed."))
    if in_review(finding):
        ensure_reviewing(finding.assessment, actor, now)
    else:
        ensure_finding_changeable(finding, actor)
    problems = Problems()
    wanted: dict[str, Any] = {
        "severity": severity_of(severity, problems),
        "owner": owner_of(owner_id, problems),
        "due_on": due_on,
    }
    with problems.check():
        wanted["description"] = text_of(description, "description", _("Describe the finding."))
    with problems.check():
        wanted["remediation"] = text_of(remediation, "remediation",
                                        _("Say what the vendor is asked to do."))
    if due_on != finding.due_on:  # an unchanged past due date may stay (owner changes)
        check_due_on(due_on, now, problems)
    allowed = editable_fields(finding)
    before_after = {name: [_stored(getattr(finding, name)), _stored(wanted.get(name))]
                    for name in FIELDS if name in wanted}
    changes = {name: pair for name, pair in before_after.items() if pair[0] != pair[1]}
    for name in changes:
        if name not in allowed:
            problems.add(_("This was signed with the decision and cannot change now."),
                         _form_field(name))
    note = reason.strip()
    if not in_review(finding) and not note:
        problems.add(_("Say why the finding is changed (the history keeps it)."), "reason")
    with problems.check():
        if note:
            note = text_of(note, "reason", "")
    if not problems.errors and not changes:
        problems.add(_("Nothing was changed."), None)
    problems.raise_any()
    for name in changes:
        setattr(finding, name, wanted[name])
    record_event(finding, "edited", now, text=note or None, user=actor, changes=changes)
    return changes


def _form_field(name: str) -> str:
    return "owner_id" if name == "owner" else name


def _stored(value: Any) -> Any:
    """A value as the history keeps it: plain JSON (a person by id, a day as ISO)."""
    if isinstance(value, User):
        return value.id
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)
