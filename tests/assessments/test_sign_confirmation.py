"""Signing has a step before it: the decision's page links to a page that says what is
signed, as whom, and that a signature stays; only its button signs."""

from sqlalchemy import func, select

from tests.helpers import page_text
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.review.models import Signature


def _signatures(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Signature.id)))


def test_the_confirmation_says_what_is_signed_and_signs_nothing(app, client, auth, submitted,
                                                               people):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    assert client.post(f"/assessments/{assessment_id}/propose", data={
        "outcome": "reject", "rationale": "Controls are missing."}).status_code == 302
    page = client.get(f"/assessments/{assessment_id}")
    assert f'href="/assessments/{assessment_id}/sign"' in page.get_data(as_text=True)
    confirm = client.get(f"/assessments/{assessment_id}/sign")
    assert confirm.status_code == 200
    text = page_text(confirm)
    assert "Sign the decision on" in text
    assert "Controls are missing." in text
    assert "cannot be taken back" in text
    assert _signatures(app) == 0  # looking signs nothing
    assert client.post(f"/assessments/{assessment_id}/sign",
                       data={"stage": "reviewer"}).status_code == 302
    assert _signatures(app) == 1


def test_nothing_to_sign_goes_back_with_a_sentence(app, client, auth, submitted, people):
    assessment_id, _link = submitted
    auth.login(people.reviewer.email)
    response = client.get(f"/assessments/{assessment_id}/sign", follow_redirects=True)
    assert response.status_code == 200
    assert "There is nothing to sign on this assessment now." in page_text(response)


def test_only_those_who_sign_may_open_it(app, client, auth, submitted):
    assessment_id, _link = submitted
    auth.login_as(Role.AUDITOR)
    assert client.get(f"/assessments/{assessment_id}/sign").status_code == 403
    assert client.get("/assessments/999999/sign").status_code in (403, 404)
