"""The demo, seeded once per module and copied into each test's database (the fixtures
of the demo crawl)."""

from tests.test_demo_crawl import demo, seeded  # noqa: F401  (fixtures)
