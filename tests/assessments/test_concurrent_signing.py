"""Two approvers sign the same assessment at the same moment: exactly one signature counts,
the other is told it is no longer due, and the audit chain stays whole."""

import threading

import pytest
from sqlalchemy import func, select

from tests.conftest import ON_POSTGRESQL, CsrfClient
from tests.helpers import page_text
from vendorrisk.assessments.models import Assessment
from vendorrisk.audit.services import verify_chain
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Signature, Snapshot

# Threads need a database that several connections share: PostgreSQL, or an SQLite file.
SHARED_DATABASE = {} if ON_POSTGRESQL else {"DATABASE_URL": "sqlite:///signing.db"}


def _logged_in(app, email) -> CsrfClient:
    app.test_client_class = CsrfClient
    client = app.test_client()
    assert client.post("/auth/login", data={"email": email,
                                            "password": "correct horse battery"}
                       ).status_code == 302
    return client


@pytest.mark.parametrize("app", [SHARED_DATABASE], indirect=True)
def test_two_approvers_signing_at_once(app, client, auth, people, submitted):
    assessment_id, _link = submitted
    base = f"/assessments/{assessment_id}"
    auth.login(people.reviewer.email)
    assert client.post(f"{base}/propose", data={"outcome": "approve",
                                                "rationale": "Fine."}).status_code == 302
    assert client.post(f"{base}/sign", data={"stage": "reviewer"}).status_code == 302

    approvers = [_logged_in(app, people.approver.email),
                 _logged_in(app, people.second_approver.email)]
    for approver in approvers:  # each has its CSRF token before the race starts
        approver.get(base)
    start = threading.Barrier(len(approvers))
    responses = [None, None]

    def sign(index: int) -> None:
        start.wait()
        responses[index] = approvers[index].post(f"{base}/sign", data={"stage": "approver"})

    threads = [threading.Thread(target=sign, args=(i,)) for i in range(len(approvers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(response.status_code for response in responses)
    assert codes == [302, 409]
    loser = next(response for response in responses if response.status_code == 409)
    assert "the signature you were about to give is no longer due" in page_text(loser)
    with app.app_context():
        assert db.session.get(Assessment, assessment_id).status.value == "decided"
        assert db.session.scalar(select(func.count()).select_from(Signature).where(
            Signature.stage == "approver")) == 1
        assert db.session.scalar(select(func.count()).select_from(Snapshot)) == 1
        count, broken = verify_chain()
        assert broken is None
        assert count > 10
