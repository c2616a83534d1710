"""Retention over a simulated five years (issue 25; APPI Art. 22, JIS Q 15001 A.3.4.3.1):
what is past its period is anonymised or deleted on the first monthly run after it, the
rest and the audit trail stay, and each disposal is itself in the audit log."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from tests.assessments.conftest import people, submitted, tier1_vendor  # noqa: F401
from tests.portal.conftest import vendor_with_contact  # noqa: F401
from vendorrisk.assessments.models import LinkUse, Respondent
from vendorrisk.audit.models import AuditEvent
from vendorrisk.audit.services import verify_chain
from vendorrisk.contracts.models import Termination, TerminationStatus
from vendorrisk.foundation.extensions import db
from vendorrisk.requests.models import DataRequest
from vendorrisk.requests.vocabulary import RequestKind, RequestStatus
from vendorrisk.supervision.retention import REMOVED
from vendorrisk.supervision.runner import run_job
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor, VendorContact
from vendorrisk.vendors.services.contacts import add_contact
from vendorrisk.vendors.vocabulary import VendorStatus

START = datetime(2027, 1, 1, 6, 0, tzinfo=UTC)


def _at(months: int) -> datetime:
    return START + timedelta(days=round(months * 30.44))


def _counts() -> dict[str, int]:
    def count(statement) -> int:  # noqa: ANN001
        return db.session.scalar(statement)

    return {
        "link uses": count(select(func.count()).select_from(LinkUse)),
        "link uses with an address": count(select(func.count()).select_from(LinkUse)
                                           .where(LinkUse.ip.is_not(None))),
        "requests": count(select(func.count()).select_from(DataRequest)),
        "requests naming a person": count(select(func.count()).select_from(DataRequest)
                                          .where(DataRequest.subject != REMOVED)),
        "contacts": count(select(func.count()).select_from(VendorContact)),
        "respondents": count(select(func.count()).select_from(Respondent)),
    }


def _request(number: int, closed_at: datetime | None) -> DataRequest:
    return DataRequest(kind=RequestKind.DELETION, reference=f"REQ-{number}",
                       subject=f"Customer number C-{number}", details="Delete the account.",
                       categories=["customer"], received_on=date(2027, 1, 1),
                       due_on=date(2027, 1, 31), created_at=START,
                       status=RequestStatus.CLOSED if closed_at else RequestStatus.OPEN,
                       closed_at=closed_at)


def test_five_years_of_monthly_disposal(app, submitted, make_vendor, capsys):  # noqa: F811
    ended, kept = make_vendor(legal_name="Ended Co."), make_vendor(legal_name="Kept Co.")
    with app.app_context():
        respondent_id = db.session.scalar(select(Respondent.id))
        answered = _counts()["link uses with an address"]  # the answers given in December 2026
        # link uses spread over the five years, each with an address
        for month in range(0, 60, 3):
            db.session.add(LinkUse(respondent_id=respondent_id, used_at=_at(month),
                                   action="save", ip="203.0.113.7", user_agent="Firefox"))
        # requests closed in year 1 and year 4, and one still open
        db.session.add_all([_request(1, _at(2)), _request(2, _at(40)), _request(3, None)])
        # a vendor that ended in month 6 and one still in use, two contacts each
        for vendor in (ended, kept):
            for number in (1, 2):
                add_contact(db.session.get(Vendor, vendor.id), ContactInput(
                    name=f"Contact {number}", email=f"c{number}-{vendor.id}@example.com"),
                    primary=number == 1, actor=None, now=START)
        db.session.get(Vendor, ended.id).status = VendorStatus.TERMINATED
        db.session.add(Termination(vendor_id=ended.id, terminated_on=_at(6).date(),
                                   due_on=_at(7).date(), reason="Service ended.",
                                   status=TerminationStatus.VERIFIED, recorded_at=_at(6)))
        db.session.commit()
        before = _counts()
        audit_before = db.session.scalar(select(func.count()).select_from(AuditEvent))

        disposed = {}
        for month in range(61):
            counts = run_job("retention", _at(month)).counts
            if counts:
                disposed[month] = counts
        after = _counts()
        # Each disposal once, on the first monthly run after its period
        assert disposed[12] == {"link_uses_anonymised": answered}  # a year after December
        assert disposed[13] == {"link_uses_anonymised": 1}  # month 0's, a year and a day on
        assert disposed[38] == {"requests_anonymised": 1}  # closed in month 2, +3 years
        assert disposed[43]["contacts_deleted"] == 2  # ended in month 6: 3 years and a day
        assert sum(c.get("link_uses_anonymised", 0) for c in disposed.values()) == \
            16 + answered
        assert after == {**before, "link uses with an address": 4,  # the last 12 months
                         "requests naming a person": 2,  # closed in month 40, and open
                         "contacts": before["contacts"] - 2}
        assert db.session.scalar(select(func.count()).select_from(VendorContact).where(
            VendorContact.vendor_id == kept.id)) == 2
        events = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "retention.disposed").order_by(AuditEvent.seq)).all()
        assert len(events) == len(disposed)
        assert events[0].details["periods_days"] == {
            "link_uses_anonymised": 365, "requests_anonymised": 1095, "contacts_deleted": 1095,
            "evidence_files_disposed": 1095}
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == \
            audit_before + len(disposed)
        assert verify_chain()[1] is None  # the audit trail is whole
    with capsys.disabled():
        print(f"\nretention over five years: before {before}\n  after {after}")
