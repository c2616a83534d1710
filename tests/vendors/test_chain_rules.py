"""Re-consignment graphs without a database."""

from vendorrisk.vendors.chain import build_tree, creates_cycle


def test_self_link_is_a_cycle():
    assert creates_cycle([], 1, 1)


def test_link_back_up_the_chain_is_a_cycle():
    edges = [(1, 2), (2, 3)]
    assert creates_cycle(edges, 3, 1)
    assert not creates_cycle(edges, 1, 3)
    assert not creates_cycle(edges, 4, 1)


def test_tree_to_any_depth():
    edges = {1: [(10, 2)], 2: [(20, 3)], 3: [(30, 4)]}
    (node,) = build_tree(1, edges)
    assert node.vendor_id == 2
    assert node.children[0].children[0].vendor_id == 4


def test_tree_marks_a_repeated_vendor_without_looping():
    edges = {1: [(10, 2)], 2: [(20, 1)]}
    (node,) = build_tree(1, edges)
    assert node.children[0].repeated
    assert node.children[0].children == []
