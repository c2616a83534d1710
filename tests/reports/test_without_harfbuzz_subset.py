"""A machine without libharfbuzz-subset0 still imports the app, collects and runs the tests
and renders PDFs (fontTools subsets the fonts, more slowly), and says so once.

WeasyPrint looks the library up with cffi's dlopen at import; each child process here
makes that lookup fail before anything imports WeasyPrint, as on a fresh Debian."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MESSAGE = "libharfbuzz-subset0 is not installed"

WITHOUT_SUBSET = """
import cffi

_dlopen = cffi.FFI.dlopen


def dlopen(self, name, *args):
    if isinstance(name, str) and "harfbuzz-subset" in name:
        raise OSError(f"cannot open shared object file: {name} (simulated)")
    return _dlopen(self, name, *args)


cffi.FFI.dlopen = dlopen
"""

RENDER = """
import logging
import sys
import warnings
from pathlib import Path

warnings.simplefilter("error")
logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(name)s: %(message)s")
from vendorrisk.foundation.pdf import html_to_pdf

static = Path("vendorrisk/static")
for _ in range(2):
    pdf = html_to_pdf("<p>Consignee register 委託先</p>", static_folder=static)
    assert pdf.startswith(b"%PDF"), pdf[:20]
print("rendered")
"""

COLLECT = """
import sys

import pytest

sys.exit(pytest.main(["--collect-only", "tests/test_health.py"]))
"""


def _child(script: str, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "child.py"
    path.write_text(script, encoding="utf-8")
    # Without the options of the run around it (CI measures coverage through
    # PYTEST_ADDOPTS; a child collecting one file would fall short of the floor).
    env = {name: value for name, value in os.environ.items()
           if name != "PYTEST_ADDOPTS" and not name.startswith("COV_CORE_")}
    return subprocess.run([sys.executable, str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_tests_collect_and_the_run_says_fonts_subset_slowly(tmp_path):
    child = _child(WITHOUT_SUBSET + COLLECT, tmp_path)
    assert child.returncode == 0, child.stdout[-3000:] + child.stderr[-3000:]
    assert "test_health.py" in child.stdout
    assert MESSAGE in child.stdout  # the run's header says so


@pytest.mark.parametrize("missing", [True, False], ids=["missing", "installed"])
def test_pdfs_render_and_a_missing_library_is_logged_once(tmp_path, missing):
    child = _child((WITHOUT_SUBSET if missing else "") + RENDER, tmp_path)
    assert child.returncode == 0, child.stderr[-3000:]
    assert child.stdout.strip() == "rendered"
    assert child.stderr.count(MESSAGE) == (1 if missing else 0), child.stderr[-3000:]
