"""Small helpers the sign-off tests share: an assessment's status, a proposal, and the
assessment itself read back outside the request."""

from vendorrisk.assessments.models import Assessment
from vendorrisk.foundation.extensions import db


def status_of(app, assessment_id) -> str:
    with app.app_context():
        return db.session.get(Assessment, assessment_id).status.value


def propose(client, assessment_id, outcome="approve"):
    return client.post(f"/assessments/{assessment_id}/propose",
                       data={"outcome": outcome, "rationale": "Reasons given."})


def load_assessment(app, assessment_id):
    with app.app_context():
        assessment = db.session.get(Assessment, assessment_id)
        db.session.expunge(assessment)
        return assessment
