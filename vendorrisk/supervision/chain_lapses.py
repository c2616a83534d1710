"""Sub-consignees that lose their evaluation (R13; vendors/services/chain_checks.py): an
approved link whose sub-consignee is no longer approved (rejected, suspended,
terminated…) or whose reassessment is overdue has lapsed. The day it is found is kept
on the link (``lapsed_on``); the consignee gets one triggered reassessment per lapse,
keyed by link and that day — a sub-consignee approved again and lapsing later is a new
lapse. The flag itself is read live (the vendor page, the register)."""

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.ledger import taken
from vendorrisk.vendors.models import SubConsignment
from vendorrisk.vendors.services.chain_checks import lapses
from vendorrisk.vendors.vocabulary import SUPERVISED, SubConsignmentStatus

Trigger = Callable[..., None]  # triggers._trigger


def lapsed_sub_consignees(now: datetime, due_on: date, counts: Counter,
                          trigger: Trigger) -> None:
    """Mark newly lapsed links, clear the ones whose sub-consignee stands again, and open
    the consignee's triggered reassessment once per lapse."""
    today = now.date()
    found = lapses(today)
    for lapse in found:
        link = lapse.link
        if link.lapsed_on is None:
            link.lapsed_on = today
            record("vendor.sub_consignee_lapsed", actor=None, actor_label="scheduler",
                   object_type="vendor", object_id=link.vendor_id, now=now,
                   details={"link_id": link.id, "sub_vendor_id": link.sub_vendor_id,
                            "gap": lapse.gap})
    _clear_recovered({lapse.link.id for lapse in found}, now)
    keys = {lapse.link.id: f"chain-lapse:{lapse.link.id}:{lapse.link.lapsed_on}"
            for lapse in found}
    done = taken(list(keys.values()))
    for lapse in found:
        link, key = lapse.link, keys[lapse.link.id]
        if key in done or link.vendor.status not in SUPERVISED:
            continue
        params = {"sub": link.sub_vendor.legal_name, "sub_vendor_id": link.sub_vendor_id,
                  "gap": lapse.gap}
        trigger(link.vendor, key, {"reason": f"sub-consignee {params['sub']} lapsed: "
                                             f"{lapse.gap}", "code": "chain_lapsed",
                                   "params": params}, due_on, now, counts)


def _clear_recovered(still_lapsed: set[int], now: datetime) -> None:
    """Links marked lapsed whose sub-consignee holds a current evaluation again."""
    for link in db.session.scalars(select(SubConsignment).where(
            SubConsignment.lapsed_on.is_not(None),
            SubConsignment.status == SubConsignmentStatus.APPROVED)):
        if link.id not in still_lapsed:
            link.lapsed_on = None
            record("vendor.sub_consignee_standing_again", actor=None, actor_label="scheduler",
                   object_type="vendor", object_id=link.vendor_id, now=now,
                   details={"link_id": link.id, "sub_vendor_id": link.sub_vendor_id})
