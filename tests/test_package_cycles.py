"""No two packages of vendorrisk import each other (issue 21).

A *package* here is a top-level package or module of vendorrisk (a feature, the app
factory's modules), except that the two containers are opened: each child of
``vendorrisk.foundation`` and of ``vendorrisk.edges`` counts on its own. Every import is
counted, at any depth, in functions and under TYPE_CHECKING too. import-linter (.ci/run)
holds the declared directions; this counts what is left to fix, in a form anyone can run:

    .venv/bin/python tests/test_package_cycles.py     # prints each pair and how many; exit 1 if any
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "vendorrisk"
CONTAINERS = {"foundation", "edges"}


def _unit(module: str) -> str:
    """vendorrisk.review.signoff -> review; vendorrisk.edges.api.views -> edges.api."""
    parts = module.split(".")[1:]
    if not parts:
        return "(vendorrisk)"
    if parts[0] in CONTAINERS and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def _module_of(path: Path, package: Path) -> tuple[str, bool]:
    parts = path.relative_to(package.parent).with_suffix("").parts
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def _imported(node: ast.AST, module: str, is_package: bool, known: set[str]) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:  # relative: resolve against this module's package
        anchor = module.split(".")
        anchor = anchor if is_package else anchor[:-1]
        anchor = anchor[:len(anchor) - node.level + 1]
        base = ".".join([*anchor, base] if base else anchor)
    # `from vendorrisk.x import y` names the submodule vendorrisk.x.y when there is one
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
            for alias in node.names]


def unit_imports(package: Path = PACKAGE) -> dict[str, dict[str, set[str]]]:
    """unit -> unit it imports -> the importing modules."""
    edges: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    paths = sorted(package.rglob("*.py"))
    known = {_module_of(path, package)[0] for path in paths}
    for path in paths:
        module, is_package = _module_of(path, package)
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            for target in _imported(node, module, is_package, known):
                if target.split(".")[0] != "vendorrisk":
                    continue
                source_unit, target_unit = _unit(module), _unit(target)
                if source_unit != target_unit:
                    edges[source_unit][target_unit].add(module)
    return edges


def mutual_pairs(edges: dict[str, dict[str, set[str]]]) -> list[tuple[str, str]]:
    return sorted({tuple(sorted((a, b))) for a in edges for b in edges[a]
                   if a in edges.get(b, {})})


def test_no_two_packages_import_each_other():
    edges = unit_imports()
    pairs = mutual_pairs(edges)
    assert not pairs, "\n".join(
        f"{a} <-> {b}: {sorted(edges[a][b])} / {sorted(edges[b][a])}" for a, b in pairs)


if __name__ == "__main__":
    found = unit_imports(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else PACKAGE)
    for a, b in mutual_pairs(found):
        print(f"{a} <-> {b}   ({', '.join(sorted(found[a][b]))} | "
              f"{', '.join(sorted(found[b][a]))})")
    print(f"{len(mutual_pairs(found))} mutual pairs")
    sys.exit(1 if mutual_pairs(found) else 0)  # .ci/run stops on a pair
