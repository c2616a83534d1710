"""The yearly Rule 18 check reaches a vendor abroad only through its chain of
sub-consignees (issue 22 item 4), where that provision relies on a conforming system
(issue 25: only there does Rule 18 apply)."""

from datetime import date, timedelta

from sqlalchemy import select

from tests.supervision.conftest import approved_vendor, at, load_standards
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.supervision.runner import run_job
from vendorrisk.vendors.crossborder_models import CrossBorderRecord, TransferBasis
from vendorrisk.vendors.services.reconsignment import add_sub_consignment

DAY = date(2027, 3, 1)


def test_a_vendor_abroad_only_through_its_chain_gets_its_rule_18_check(app, make_user):
    owner = make_user(Role.PROCUREMENT, email="buyer@example.com")
    with app.app_context():
        load_standards(DAY - timedelta(days=400))
        top = approved_vendor("Top", "2", DAY - timedelta(days=100))
        home = approved_vendor("At home", "2", DAY - timedelta(days=100))
        middle = approved_vendor("Middle", "2", DAY - timedelta(days=100))
        bottom = approved_vendor("Bottom", "2", DAY - timedelta(days=100))
        for vendor in (top, home):
            vendor.owner_id = owner.id
        when = at(DAY - timedelta(days=90))
        add_sub_consignment(top, middle, work="CRM", country="JP", data_handled="Customers",
                            actor=None, now=when)
        add_sub_consignment(middle, bottom, work="Hosting", country="US",
                            data_handled="Customers", actor=None, now=when)
        add_sub_consignment(home, bottom, work="Printing", country="JP",
                            data_handled="Customers", actor=None, now=when)
        # the provision to the US rests on a conforming contract, evidenced a year ago,
        # for Top and Middle; Bottom's own country is Japan
        for vendor in (top, middle):
            db.session.add(CrossBorderRecord(
                vendor_id=vendor.id, country="US", basis=TransferBasis.CONFORMING_CONTRACT,
                evidence="DPA clause 12", evidenced_on=DAY - timedelta(days=365),
                recorded_at=at(DAY - timedelta(days=365))))
        db.session.commit()
        counts = [run_job("notices", at(day)).counts.get("rule18_check_due", 0)
                  for day in (DAY - timedelta(days=1), DAY, DAY + timedelta(days=1))]
        assert counts == [0, 2, 0]  # Top (through Middle → Bottom) and Middle
        messages = db.session.scalars(select(OutboxMessage).where(
            OutboxMessage.subject.like("%Rule 18%")).order_by(OutboxMessage.subject)).all()
        assert [message.subject for message in messages] == [
            "Middle: the yearly Rule 18 check for 2027 is due",
            "Top: the yearly Rule 18 check for 2027 is due"]
        assert "handles personal data abroad (US)" in messages[1].body_text
