"""The reports made in the background (the register PDF, the annual summary) are out of
the demo crawl's reach (asking for one is a POST); here they are asked for on the demo's
data in both languages, rendered, and then crawled like every other page."""

from flask import got_request_exception

from tests.helpers import fiscal_year_now
from tests.test_demo_crawl import LANGUAGES, Crawl, _keep_error, enum_codes
from vendorrisk.edges.cli.demo import DEMO_PASSWORD, run_demo
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.reports.queue import render_queued


def test_the_background_reports_of_the_demo_read_cleanly(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.crawl_error = None
    with app.app_context():
        run_demo(now=utcnow())
        codes = enum_codes()
    client.post("/auth/login", data={"email": "auditor@example.com",
                                     "password": DEMO_PASSWORD})
    for language in LANGUAGES:
        assert client.post("/reports/register", data={"lang": language}).status_code == 302
        assert client.post("/reports/summary", data={
            "year": str(fiscal_year_now()), "lang": language}).status_code == 302
    with app.app_context():
        assert render_queued(utcnow()) == 4
        db.session.remove()
    got_request_exception.connect(_keep_error, app)
    try:
        crawl = Crawl(client, "auditor@example.com", "en", codes, scope="/reports/runs")
        failures = crawl.run("/reports/runs")
    finally:
        got_request_exception.disconnect(_keep_error, app)
    assert sum(url.endswith("/file") for url in crawl.seen) == 4
    assert not failures, "\n".join(failures)
