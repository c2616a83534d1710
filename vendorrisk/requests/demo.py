"""Demo request: an employee's request to correct their data waits for the consignee that
holds employee data (the payroll provider)."""

from datetime import datetime, timedelta

from sqlalchemy import select

from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.demo import payroll_and_reviewer
from vendorrisk.requests.models import DataRequest
from vendorrisk.requests.services import RequestInput, create_request


def load_request_demo(*, now: datetime) -> None:
    """Once: nothing is added when a request exists already."""
    if db.session.scalar(select(DataRequest.id).limit(1)) is not None:
        return
    payroll, reviewer = payroll_and_reviewer()
    if payroll is None or reviewer is None:
        return
    create_request(RequestInput(
        kind="correction", reference="REQ-DEMO-001",
        subject="Employee number E-20417 (山田 太郎)",
        details="The employee moved on 1 November; correct the home address in the "
                "payroll records and on the year-end tax documents.",
        categories=("employee",),
        received_on=now.date(), due_on=now.date() + timedelta(days=10)),
        actor=reviewer, now=now)
