"""A sub-consignee must hold a current evaluation of its own (R13): approving a link
needs the sub-consignee approved (or approved with conditions) with its reassessment not
overdue, or an exception for it in force (subject ``chain:<sub vendor id>`` on the
consignee's record); once approved, a link whose sub-consignee loses that standing has
lapsed: the consignee is flagged and supervision/triggers.py opens its reassessment.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import String, Table, and_, cast, exists, false, literal, or_, select
from sqlalchemy.orm import aliased, joinedload

from vendorrisk.foundation.errors import Conflict
from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.chain import CHAIN_SUBJECT_PREFIX, Standing, chain_subject, standing_gap
from vendorrisk.vendors.labels import label
from vendorrisk.vendors.models import SubConsignment, Vendor
from vendorrisk.vendors.vocabulary import SUPERVISED, SubConsignmentStatus


def _exceptions() -> Table:
    """The exceptions table (acceptance/models.py). Exceptions sit above vendors in the
    features' order, so the table is read by name: the register only asks whether one
    is in force for a sub-consignee, it never records or decides one."""
    return db.metadata.tables["risk_exceptions"]


def _in_force(vendor_id, sub_vendor_id, today: date):  # noqa: ANN001, ANN202
    table = _exceptions()
    return and_(table.c.vendor_id == vendor_id, table.c.status == "approved",
                table.c.expires_on >= today,
                table.c.subject == chain_subject_expression(sub_vendor_id))


def chain_subject_expression(sub_vendor_id):  # noqa: ANN001, ANN201
    """``chain_subject`` for a plain id, or in SQL for a column."""
    if isinstance(sub_vendor_id, int):
        return chain_subject(sub_vendor_id)
    return literal(CHAIN_SUBJECT_PREFIX) + cast(sub_vendor_id, String)


def standing(vendor: Vendor, sub_vendor: Vendor, today: date) -> Standing:
    """What the approval of ``vendor``'s link to ``sub_vendor`` reads of the latter."""
    table = _exceptions()
    until = db.session.scalar(select(table.c.expires_on).where(
        _in_force(vendor.id, sub_vendor.id, today)).order_by(table.c.expires_on.desc())
        .limit(1))
    return Standing(str(sub_vendor.status), sub_vendor.next_review_on, until)


def gap_sentence(gap: str, sub_vendor: Vendor) -> str:
    """Why ``sub_vendor`` lacks a current evaluation, in the reader's language."""
    if gap == "overdue":
        return _("Its reassessment was due on %(date)s and is overdue.",
                 date=sub_vendor.next_review_on.isoformat())
    if gap == "no_review_date":
        return _("Its approval has no next review date, so it is not current.")
    return _("It holds no approval of its own (it is %(status)s).",
             status=label(sub_vendor.status))


def check_approvable(link: SubConsignment, today: date) -> None:
    """Conflict (409) naming the sub-consignee and what it lacks, unless it holds a
    current approval or an exception for it is in force."""
    sub_vendor = link.sub_vendor
    gap = standing_gap(standing(link.vendor, sub_vendor, today), today)
    if gap is not None:
        raise Conflict(_(
            "%(sub)s cannot be approved as a sub-consignee: it must first be assessed and "
            "approved itself, or an exception for it approved. %(why)s",
            sub=sub_vendor.legal_name, why=gap_sentence(gap, sub_vendor)))


@dataclass(frozen=True)
class Lapse:
    """An approved link whose sub-consignee no longer holds a current evaluation."""

    link: SubConsignment
    gap: str

    @property
    def sentence(self) -> str:
        return _("The approved sub-consignee %(sub)s no longer holds a current evaluation. "
                 "%(why)s", sub=self.link.sub_vendor.legal_name,
                 why=gap_sentence(self.gap, self.link.sub_vendor))


def _lapsed_statement(today: date):  # noqa: ANN202
    sub = aliased(Vendor)
    excepted = exists().where(_in_force(SubConsignment.vendor_id,
                                        SubConsignment.sub_vendor_id, today))
    return (select(SubConsignment).join(sub, SubConsignment.sub_vendor_id == sub.id)
            .where(SubConsignment.status == SubConsignmentStatus.APPROVED,
                   or_(sub.status.not_in(SUPERVISED), sub.next_review_on.is_(None),
                       sub.next_review_on < today), ~excepted)
            .options(joinedload(SubConsignment.sub_vendor), joinedload(SubConsignment.vendor))
            .order_by(SubConsignment.id))


def _lapses(statement, today: date) -> list[Lapse]:  # noqa: ANN001
    found = []
    for link in db.session.scalars(statement).unique():
        gap = standing_gap(Standing(str(link.sub_vendor.status),
                                    link.sub_vendor.next_review_on), today)
        if gap is not None:
            found.append(Lapse(link, gap))
    return found


def lapses(today: date, vendor_ids: list[int] | None = None) -> list[Lapse]:
    """The lapsed links, of every vendor or of ``vendor_ids`` (the consignees)."""
    statement = _lapsed_statement(today)
    if vendor_ids is not None:
        statement = statement.where(SubConsignment.vendor_id.in_(vendor_ids)
                                    if vendor_ids else false())
    return _lapses(statement, today)


def lapsed_vendor_ids(today: date, vendor_ids: list[int]) -> set[int]:
    """Which of ``vendor_ids`` have a lapsed sub-consignee (the register's flag)."""
    return {lapse.link.vendor_id for lapse in lapses(today, vendor_ids)}
