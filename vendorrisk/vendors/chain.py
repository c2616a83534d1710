"""Re-consignment chains (R13) as a graph: cycle checks, the tree below a vendor, where
its data is handled down the chain (``where_handled``, with the way to each country), and
whether a sub-consignee stands on its own evaluation (``standing_gap``). Pure: the
database is read by vendors/services/locations.py and chain_checks.py."""

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from vendorrisk.vendors.vocabulary import SUPERVISED


def creates_cycle(edges: Iterable[tuple[int, int]], parent: int, child: int) -> bool:
    """True if adding ``parent → child`` closes a loop (child already reaches parent)."""
    if parent == child:
        return True
    below: dict[int, set[int]] = defaultdict(set)
    for upper, lower in edges:
        below[upper].add(lower)
    seen, queue = {child}, deque([child])
    while queue:
        node = queue.popleft()
        if node == parent:
            return True
        for nxt in below[node] - seen:
            seen.add(nxt)
            queue.append(nxt)
    return False


@dataclass
class ChainNode:
    """One link of the chain: the edge's id, the sub-consignee and what lies below it."""

    edge_id: int
    vendor_id: int
    children: list["ChainNode"] = field(default_factory=list)
    repeated: bool = False  # the vendor appears higher up this branch (shown, not expanded)


def build_tree(root: int, edges: Mapping[int, list[tuple[int, int]]]) -> list[ChainNode]:
    """The chain below ``root``; ``edges`` maps a vendor to (edge id, sub-vendor) pairs."""

    def grow(vendor_id: int, path: frozenset[int]) -> list[ChainNode]:
        nodes = []
        for edge_id, child in edges.get(vendor_id, []):
            node = ChainNode(edge_id, child, repeated=child in path)
            if not node.repeated:
                node.children = grow(child, path | {child})
            nodes.append(node)
        return nodes

    return grow(root, frozenset({root}))


# ---- Where a vendor's data is handled: its own countries and its chain's (R13, R15) ----

OWN = ()  # the path of a country the vendor itself handles data in


@dataclass(frozen=True)
class Hop:
    """A re-consignment link as the walk reads it: ``vendor_id`` passes work to
    ``sub_vendor_id``, who handles the data in ``country``; ``decided`` once approved."""

    link_id: int
    vendor_id: int
    sub_vendor_id: int
    country: str
    decided: bool


@dataclass(frozen=True)
class Place:
    """A country where the data is handled and one way it gets there: the sub-consignees
    passed through, from the vendor's first down (empty: the vendor itself)."""

    country: str
    path: tuple[int, ...]
    pending: bool = False  # a link on the way still awaits the consignor's decision


@dataclass(frozen=True)
class Locations:
    """Every country where the vendor's data is handled, each with the ways it gets there
    (shortest first)."""

    places: tuple[Place, ...]

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(place.country for place in self.places)

    def abroad(self, home: str) -> list[str]:
        return sorted(self.countries - {home})

    def by_country(self) -> dict[str, list[Place]]:
        found: dict[str, list[Place]] = {}
        for place in self.places:
            found.setdefault(place.country, []).append(place)
        return dict(sorted(found.items()))


MAX_PATHS = 5  # ways shown per country; one is enough to know the data goes there
MAX_STEPS = 5000  # links walked at most: a chain wider than this is a data error


def where_handled(vendor_id: int | None, own: Iterable[str],
                  hops: Mapping[int, list[Hop]], *, max_depth: int = 20) -> Locations:
    """The vendor's own countries plus every country of the chain below it: each link's
    country and, recursively, the links of its sub-consignee. ``hops`` maps a vendor to
    the links it passes work on by (refused links left out by the caller). A vendor met
    again on the same branch is not walked twice (a cycle), nor beyond ``max_depth``."""
    places = [Place(code, OWN) for code in sorted(set(own))]
    seen = {(place.country, place.path) for place in places}
    per_country: dict[str, int] = {}
    steps = [0]

    def walk(current: int, path: tuple[int, ...], visited: frozenset[int],
             pending: bool) -> None:
        if len(path) >= max_depth:
            return
        for hop in hops.get(current, []):
            if hop.sub_vendor_id in visited or steps[0] >= MAX_STEPS:
                continue
            steps[0] += 1
            way = (*path, hop.sub_vendor_id)
            waiting = pending or not hop.decided
            if (hop.country, way) not in seen and per_country.get(hop.country, 0) < MAX_PATHS:
                seen.add((hop.country, way))
                per_country[hop.country] = per_country.get(hop.country, 0) + 1
                places.append(Place(hop.country, way, waiting))
            walk(hop.sub_vendor_id, way, visited | {hop.sub_vendor_id}, waiting)

    if vendor_id is not None:
        walk(vendor_id, OWN, frozenset({vendor_id}), False)
    return Locations(tuple(sorted(places, key=lambda p: (p.country, len(p.path), p.pending,
                                                         p.path))))


# ---- A sub-consignee's own standing: approving a link needs it (R13) ----

CHAIN_SUBJECT_PREFIX = "chain:"  # an exception's subject: f"chain:{sub_vendor_id}"


def chain_subject(sub_vendor_id: int) -> str:
    """The subject of the exception that lets a vendor use ``sub_vendor_id`` unevaluated."""
    return f"{CHAIN_SUBJECT_PREFIX}{sub_vendor_id}"


@dataclass(frozen=True)
class Standing:
    """What approving a link reads of the sub-consignee: its status (a VendorStatus
    value), its next review date, and until when an exception for it is in force."""

    status: str
    next_review_on: date | None
    excepted_until: date | None = None


def standing_gap(standing: Standing, today: date) -> str | None:
    """Why the sub-consignee cannot be (or stay) an approved link, or None: "excepted"
    never (an exception in force covers it); "not_approved" (no approval of its own:
    prospect, under assessment, rejected, suspended, terminated…); "no_review_date";
    "overdue" (its reassessment date has passed)."""
    if standing.excepted_until is not None and standing.excepted_until >= today:
        return None
    if standing.status not in SUPERVISED:
        return "not_approved"
    if standing.next_review_on is None:
        return "no_review_date"
    if standing.next_review_on < today:
        return "overdue"
    return None
