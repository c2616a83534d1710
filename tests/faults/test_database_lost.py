"""The database connection lost in the middle of a scheduler run (the server-side end of
a PostgreSQL restart: its backend terminated mid-transaction): the run is recorded as
failed with nothing of its work kept, and the next run does all of it, once."""

import gc

import pytest
from sqlalchemy import func, select, text

from tests.conftest import ON_POSTGRESQL
from tests.faults.conftest import DAY, VENDORS, periodic_reviews, reviews_due
from tests.supervision.conftest import at
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.supervision import jobs
from vendorrisk.supervision.runner import run_job


@pytest.mark.skipif(not ON_POSTGRESQL, reason="needs a PostgreSQL server to lose")
# The job's streaming cursor dies with its connection; psycopg warns when it is collected.
@pytest.mark.filterwarnings("ignore::ResourceWarning",
                            "ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_run_that_loses_the_database_midway_is_done_once_by_the_next(app, make_user,
                                                                       monkeypatch):
    reviews_due(app, make_user, "Lost")
    sent = []
    original = jobs.send_assessment

    def lose_the_database_at_the_fourth(assessment, **kwargs):  # noqa: ANN001, ANN003, ANN202
        sent.append(assessment.id)
        if len(sent) == 4:  # the server ends this session, as a restart does
            db.session.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))
        return original(assessment, **kwargs)

    monkeypatch.setattr(jobs, "send_assessment", lose_the_database_at_the_fourth)
    with app.app_context():
        failed = run_job("reviews", at(DAY))
        gc.collect()  # the dead cursor goes now, under this test's warning filter
        assert failed.outcome.value == "failed"
        assert "terminat" in failed.error.lower() or "connection" in failed.error.lower()
        assert periodic_reviews() == 0  # the three sent before it went with the transaction
        assert db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.kind == "invitation")) == 0
    monkeypatch.undo()
    with app.app_context():
        done = run_job("reviews", at(DAY))
        assert done.outcome.value == "ok"
        assert periodic_reviews() == VENDORS
        assert run_job("reviews", at(DAY)).counts.get("sent_periodic", 0) == 0  # once
        assert periodic_reviews() == VENDORS
        invitations = db.session.execute(select(OutboxMessage.recipient, func.count())
                                         .where(OutboxMessage.kind == "invitation")
                                         .group_by(OutboxMessage.recipient)).all()
        assert len(invitations) == VENDORS
        assert {count for _recipient, count in invitations} == {1}
