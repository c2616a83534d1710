"""The supervision page: what is coming, what is late, what the scheduler did; admins run
a job now through the same function."""

from datetime import timedelta

from sqlalchemy import func, select

from tests.helpers import page_text
from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.assessments.models import Assessment
from vendorrisk.auth.models import Role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.supervision.models import JobRun


def _portfolio(app) -> None:
    today = utcnow().date()
    with app.app_context():
        load_standards(today - timedelta(days=400))
        approved_vendor("Soon", "3", today - timedelta(days=300))  # review in ~65 days
        approved_vendor("Due", "1", today - timedelta(days=360))  # review in ~5 days
        db.session.commit()


def test_the_page_shows_what_is_coming_and_an_admin_runs_a_job_now(app, client, auth):
    _portfolio(app)
    auth.login_as(Role.AUDITOR)
    page = page_text(client.get("/supervision/"))
    assert "Soon" in page
    assert "Yearly confirmation" in page
    assert "The scheduler has not run yet" in page
    assert client.post("/supervision/run/reviews").status_code == 403
    auth.logout()

    admin = auth.login_as(Role.ADMIN)
    ran = client.post("/supervision/run/reviews")
    assert ran.status_code == 302
    page = page_text(client.get("/supervision/"))
    assert "Send due periodic reviews ran: periodic reviews sent: 1" in page
    assert "periodic reviews sent: 1" in page  # the history, in words too
    assert "sent_periodic" not in page
    with app.app_context():
        run = db.session.scalars(select(JobRun)).one()
        assert run.started_by == admin.email
        assert db.session.scalar(select(func.count()).select_from(Assessment).where(
            Assessment.kind == "periodic")) == 1
    client.post("/supervision/run/reviews")  # again: nothing new
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Assessment).where(
            Assessment.kind == "periodic")) == 1
    assert client.post("/supervision/run/nonsense").status_code == 404
