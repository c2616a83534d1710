"""Questionnaires overdue: sent to the vendor, not submitted, and past their due date.
The dashboard counts them and the assessments list filters on them (?overdue=1), with
the same condition."""

from datetime import date

from sqlalchemy.sql.elements import ColumnElement

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.workflow import State

# With the vendor and not submitted. An expired one (its link closed after the due date)
# still waits for an answer or a new date. A returned one is left out: the vendor revises
# it without a new due date, so its first one says nothing about lateness.
NOT_SUBMITTED = (State.SENT, State.IN_PROGRESS, State.EXPIRED)


def questionnaire_overdue(today: date) -> list[ColumnElement[bool]]:
    """The conditions of an overdue questionnaire on ``today``."""
    return [Assessment.status.in_(NOT_SUBMITTED), Assessment.due_on < today]
