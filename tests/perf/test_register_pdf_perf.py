"""Benchmark: the consignee register PDF at 5,000 and 50,000 vendors, laid out in parts
by worker processes (reports/register_parts.py), measured in one run. Not part of the
default test run:

    .venv/bin/python -m pytest tests/perf/test_register_pdf_perf.py -s

Targets (issue 26): peak resident memory of every rendering process (the one that reads
and joins, and each worker) under 500 MiB at 50,000 vendors; time ratio 50,000 / 5,000
≤ 11; progress told as parts finish. Each PDF is opened with pypdf: its page count,
"page N of M" on the first and the last page, every vendor present once.
"""

import io
import random
import re
import resource
import time
from datetime import UTC, datetime

from pypdf import PdfReader

from tests.perf.forked import in_fork
from tests.vendors.seeding import _insert_batch
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.register import register_lines
from vendorrisk.reports.register_parts import register_in_parts
from vendorrisk.vendors.queries import RegisterFilters

NOW = datetime(2027, 6, 1, 6, tzinfo=UTC)
SIZES = (5_000, 50_000)
PAGE = {"template": "reports/register.html", "language": "ja", "title": "委託先管理台帳",
        "now": NOW, "filters": RegisterFilters()}


def _render_in_child(total: int) -> dict:
    """Render in a forked child, so that its peak memory is its own and its workers'
    peak is read from RUSAGE_CHILDREN once they have ended."""

    def child() -> dict:
        told: list[int] = []
        started = time.perf_counter()
        lines = register_lines(RegisterFilters(), today=NOW.date(), home="JP",
                               expiring_days=60)
        data = register_in_parts(PAGE, lines, total=total, progress=told.append)
        seconds = time.perf_counter() - started
        main_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before reading
        reader = PdfReader(io.BytesIO(data))
        first = "".join(reader.pages[0].extract_text().split())
        last = "".join(reader.pages[-1].extract_text().split())
        numbers = []
        for page in reader.pages:
            numbers += re.findall(r"Vendor (\d{6})", page.extract_text())
        return {
            "seconds": seconds, "pages": len(reader.pages), "bytes": len(data),
            "main_mib": main_mib,
            "worker_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
            "told": told, "first": first[-12:], "last": last[-12:],
            "vendors": len(numbers), "distinct": len(set(numbers))}

    return in_fork(child)


def test_the_register_pdf_in_parts_scales(app):
    found, seeded = {}, 0
    with app.app_context():
        for size in SIZES:
            rng = random.Random(size)
            for start in range(seeded + 1, size + 1, 5000):  # the next vendors, numbered on
                _insert_batch(rng, range(start, min(size, start + 4999) + 1), None)
            db.session.commit()
            seeded = size
            db.session.close()  # the child opens its own connection
            found[size] = _render_in_child(size)
    print("\nregister PDF in parts (Japanese), 500 vendors a part")
    for size, got in found.items():
        print(f"  {size:>6,} vendors: {got['seconds']:7.1f} s, {got['pages']:,} pages, "
              f"{got['bytes'] / 2**20:.0f} MiB; peak RSS: reading and joining "
              f"{got['main_mib']:.0f} MiB, largest worker {got['worker_mib']:.0f} MiB; "
              f"first page ends {got['first']!r}, last {got['last']!r}; progress told "
              f"{len(got['told'])} times, last {got['told'][-1]:,}")
    ratio = found[SIZES[1]]["seconds"] / found[SIZES[0]]["seconds"]
    print(f"  time ratio {ratio:.1f} (target ≤ 11)")
    for size, got in found.items():
        assert got["first"].endswith(f"1/{got['pages']}ページ")
        assert got["last"].endswith(f"{got['pages']}/{got['pages']}ページ")
        # every vendor's name is there (a sub-consignee's again where it is named as one;
        # tests/reports/test_register_parts.py checks each row once across the joins)
        assert got["distinct"] == size
        assert got["told"][-1] == size
    assert found[SIZES[1]]["main_mib"] < 500
    assert found[SIZES[1]]["worker_mib"] < 500
    assert ratio <= 11
