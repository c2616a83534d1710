"""Benchmark: the register at 500 and at 50,000 vendors, measured in one run.

Not part of the default test run. Run it with:

    .venv/bin/python -m pytest tests/perf -s

It prints, for each page, the median time at both sizes and their ratio, and checks
the targets of issue 3: ratio ≤ 2, and the 50,000-vendor list page under 100 ms
median on SQLite.
"""

import statistics
import time

import pytest

from tests.conftest import CsrfClient, app_config
from tests.vendors.seeding import seed_vendors
from vendorrisk import create_app
from vendorrisk.auth.services import create_user
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db

SIZES = (500, 50_000)
REPEATS = 30
PAGES = {
    "list, first page": "/vendors/",
    "list, filtered": "/vendors/?tier=1&classification=consignment",
    "list, search": "/vendors/?q=print",
    "list, rare search": "/vendors/?q=000250",  # one vendor at both sizes
    "list, flagged": "/vendors/?flagged=1",
    "vendor page": "/vendors/{vendor_id}",
}


def _client_for(tmp_path, size: int):
    app = create_app(app_config(tmp_path / str(size),
                                DATABASE_URL=f"sqlite:///{tmp_path / f'bench-{size}.db'}"))
    with app.app_context():
        db.create_all()
        user = create_user(email="bench@example.com", name="Bench", password="x" * 16,
                           roles=["auditor"], actor=None, now=utcnow())
        db.session.commit()
        seed_vendors(size, owner_id=user.id)
    app.test_client_class = CsrfClient
    client = app.test_client()
    client.post("/auth/login", data={"email": "bench@example.com", "password": "x" * 16})
    return app, client


def _median_ms(client, path: str) -> float:
    assert client.get(path).status_code == 200  # warm up
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return statistics.median(timings)


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_register_scales(tmp_path):
    medians: dict[str, dict[int, float]] = {name: {} for name in PAGES}
    for size in SIZES:
        app, client = _client_for(tmp_path, size)
        for name, path in PAGES.items():
            medians[name][size] = _median_ms(client, path.format(vendor_id=size // 2))
        with app.app_context():
            db.engine.dispose()
    print(f"\n{'page':<20}{'500 vendors':>14}{'50,000 vendors':>17}{'ratio':>8}")
    for name, by_size in medians.items():
        ratio = by_size[SIZES[1]] / by_size[SIZES[0]]
        print(f"{name:<20}{by_size[SIZES[0]]:>11.1f} ms{by_size[SIZES[1]]:>14.1f} ms"
              f"{ratio:>8.2f}")
    for name, by_size in medians.items():
        assert by_size[SIZES[1]] / by_size[SIZES[0]] <= 2, name
    assert medians["list, first page"][SIZES[1]] < 100
