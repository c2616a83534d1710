"""Where a vendor's data is handled (vendors/chain.py ``where_handled``), read from the
database: every reader (tiering, the profile frozen into an assessment, the Rule 18
check, the vendor page, the register) asks here, so they cannot disagree.

The chain counts every link not refused: a link awaiting a decision has been reported,
so the data may already flow there (docs/rules.md#chain).
"""

from collections.abc import Iterable

from sqlalchemy import select

from vendorrisk.foundation.extensions import db
from vendorrisk.vendors.chain import Hop, Locations, where_handled
from vendorrisk.vendors.models import SubConsignment, Vendor
from vendorrisk.vendors.vocabulary import SubConsignmentStatus

MAX_DEPTH = 20  # as reconsignment.MAX_DEPTH: deeper chains are a data error


def _hop(link: SubConsignment, vendor_id: int) -> Hop:
    return Hop(link.id or 0, vendor_id, link.sub_vendor.id if link.sub_vendor else
               link.sub_vendor_id, link.country,
               link.status == SubConsignmentStatus.APPROVED)


def live_links(vendor: Vendor) -> list[SubConsignment]:
    """The vendor's direct links that count: all but the refused ones."""
    return [link for link in vendor.sub_consignments
            if link.status != SubConsignmentStatus.REFUSED]


def _load(known: dict[int, list[Hop]], starts: Iterable[int]) -> dict[int, list[Hop]]:
    """``known`` completed with every live link reachable below ``starts`` and below the
    sub-consignees ``known`` already names, level by level."""
    hops = dict(known)
    frontier = set(starts) | {hop.sub_vendor_id for links in known.values() for hop in links}
    for _level in range(MAX_DEPTH):
        frontier -= hops.keys()
        if not frontier:
            break
        rows = db.session.execute(
            select(SubConsignment.id, SubConsignment.vendor_id, SubConsignment.sub_vendor_id,
                   SubConsignment.country, SubConsignment.status)
            .where(SubConsignment.vendor_id.in_(frontier),
                   SubConsignment.status != SubConsignmentStatus.REFUSED)
            .order_by(SubConsignment.id)).all()
        hops.update((vendor_id, []) for vendor_id in frontier)
        for row in rows:
            hops[row.vendor_id].append(Hop(row.id, row.vendor_id, row.sub_vendor_id,
                                           row.country,
                                           row.status == SubConsignmentStatus.APPROVED))
        frontier = {row.sub_vendor_id for row in rows}
    return hops


def handled_where(vendor: Vendor) -> Locations:
    """The vendor's own countries and its chain's, each with the path that leads there.
    The vendor's own links are read from the object (a change not yet flushed counts)."""
    if vendor.id is None:
        return where_handled(None, vendor.countries, {})
    first = {vendor.id: [_hop(link, vendor.id) for link in live_links(vendor)]}
    return where_handled(vendor.id, vendor.countries, _load(first, ()))


def handled_where_many(vendors: Iterable[Vendor]) -> dict[int, Locations]:
    """:func:`handled_where` for a batch of vendors, their chains read together."""
    vendors = list(vendors)
    hops = _load({}, [vendor.id for vendor in vendors])
    return {vendor.id: where_handled(vendor.id, vendor.countries, hops) for vendor in vendors}


def vendors_above(vendor_id: int) -> list[int]:
    """The vendors whose chain passes through ``vendor_id`` (live links), nearest first."""
    found, frontier = [], {vendor_id}
    seen = {vendor_id}
    for _level in range(MAX_DEPTH):
        if not frontier:
            break
        rows = set(db.session.scalars(
            select(SubConsignment.vendor_id).where(
                SubConsignment.sub_vendor_id.in_(frontier),
                SubConsignment.status != SubConsignmentStatus.REFUSED)))
        frontier = rows - seen
        seen |= frontier
        found.extend(sorted(frontier))
    return found


def chain_names(*locations: Locations) -> dict[int, str]:
    """Legal names of the sub-consignees the paths pass through (of one vendor's
    locations or of many)."""
    ids = {vendor_id for each in locations for place in each.places
           for vendor_id in place.path}
    if not ids:
        return {}
    rows = db.session.execute(select(Vendor.id, Vendor.legal_name).where(Vendor.id.in_(ids)))
    return {vendor_id: name for vendor_id, name in rows}
