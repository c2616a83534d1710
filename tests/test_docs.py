"""The documentation a newcomer reads holds together: every relative link in README.md,
questionnaires/README.md and docs/*.md reaches a file of the repository (and a heading
of it, for a link with #anchor), and no file sends readers to a document the repository
does not have."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
# The team's own domain notes live outside the repository; spelt in two parts so that this
# file does not name them itself.
OUTSIDE_NOTES = "DOMAIN" + ".md"


def _documents() -> list[Path]:
    return [ROOT / "README.md", ROOT / "questionnaires" / "README.md",
            *sorted((ROOT / "docs").glob("*.md"))]


def _prose(path: Path) -> list[str]:
    """The lines of ``path`` outside fenced code blocks."""
    lines, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(line)
    return lines


def anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of ``path``: lower case, punctuation dropped,
    spaces as hyphens, a repeated one suffixed -1, -2..."""
    seen: dict[str, int] = {}
    result = set()
    for line in _prose(path):
        match = HEADING.match(line)
        if not match:
            continue
        slug = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        result.add(slug if count == 0 else f"{slug}-{count}")
    return result


def test_anchors_follow_githubs_rule(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# The `vendorrisk` register\n## 3. Tiers (APPI Art. 25)\n"
                    "```sh\n# not a heading\n```\n## Tiers\n## Tiers\n", encoding="utf-8")
    assert anchors(page) == {"the-vendorrisk-register", "3-tiers-appi-art-25", "tiers",
                             "tiers-1"}


@pytest.mark.parametrize("document", _documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_reaches_a_file_and_heading(document):
    broken = []
    for line in _prose(document):
        for target in LINK.findall(line):
            if re.match(r"[a-z][a-z0-9+.-]*:", target):
                continue  # http:, https:, mailto:
            name, _hash, anchor = target.partition("#")
            linked = (document.parent / name).resolve() if name else document
            if not linked.exists() or not linked.is_relative_to(ROOT):
                broken.append(f"{target}: no such file")
            elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
                broken.append(f"{target}: no such heading in {linked.name}")
    assert not broken, f"{document.name}: {broken}"


def test_docs_exist_and_the_readme_links_the_rules():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (ROOT / "docs" / "rules.md").is_file()
    assert "](docs/rules.md#" in readme


def test_no_file_refers_to_notes_outside_the_repository():
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    needle = OUTSIDE_NOTES.encode()
    offenders = [name for name in listed.stdout.splitlines()
                 if (ROOT / name).is_file() and needle in (ROOT / name).read_bytes()]
    assert not offenders, f"{OUTSIDE_NOTES} is not in the repository; link docs/rules.md " \
                          f"instead: {offenders}"
