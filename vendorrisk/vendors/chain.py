"""Re-consignment chains (R13) as a graph: cycle checks and the tree below a vendor."""

from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


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
