"""axe-core, the accessibility engine from npm, run on pages the browser tests open.

The engine is installed on first use into ``.tools/`` (not committed) with the
machine's npm, at a pinned version, so every run checks against the same rules. Its
results are printed per page (the test output shows what was checked); serious and
critical violations fail the test that opened the page.
"""

import fcntl
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE_VERSION = "4.14.1"
TOOLS = Path(__file__).resolve().parents[2] / ".tools"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.length, where: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def axe_source() -> str:
    """axe.min.js, installed with npm when missing (skips, with the reason, without npm)."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed (apt-get install npm): axe-core comes from it")
        TOOLS.mkdir(exist_ok=True)
        (TOOLS / ".gitignore").write_text("*\n")
        # Test workers in parallel (pytest-xdist) install it once: the first holds the lock
        with open(TOOLS / ".install-lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not AXE.exists():
                subprocess.run([npm, "install", "--prefix", str(TOOLS), "--no-audit",
                                "--no-fund", "--silent", f"axe-core@{AXE_VERSION}"],
                               check=True, timeout=300)
    return AXE.read_text(encoding="utf-8")


class Accessibility:
    """Checks each page it is given and keeps what it found, page by page."""

    def __init__(self) -> None:
        self.source = axe_source()
        self.pages: list[tuple[str, list[dict]]] = []

    def check(self, page: Page, name: str) -> None:
        # evaluate runs outside the page's Content-Security-Policy (no inline script tag)
        if not page.evaluate("() => typeof axe !== 'undefined'"):
            page.evaluate(self.source)
        violations = page.evaluate(_RUN)
        self.pages.append((name, violations))
        blocking = [v for v in violations if v["impact"] in BLOCKING]
        print(f"axe-core {AXE_VERSION} {name} ({page.url}): {len(blocking)} serious/critical,"
              f" {len(violations) - len(blocking)} other"
              + "".join(f"\n    {v['impact']} {v['id']}: {v['help']} × {v['nodes']} "
                        f"{v['where']}" for v in violations))

    def blocking(self) -> list[str]:
        return [f"{name}: {json.dumps(v, ensure_ascii=False)}" for name, violations in self.pages
                for v in violations if v["impact"] in BLOCKING]
