"""The scheduler reminds the approvers once when an assignment's review-by date comes,
and again only when the date a review set comes."""

from datetime import date, timedelta

from sqlalchemy import select

from tests.standards.conftest import VALID, write_standard
from tests.supervision.conftest import at
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.models import OutboxMessage
from vendorrisk.standards.governance import approve, assign, record_review
from vendorrisk.standards.models import StandardAssignment
from vendorrisk.standards.services import load_folder
from vendorrisk.supervision.runner import DAILY, run_job

DAY = date(2027, 3, 1)


def _messages() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == "standard_review_due").order_by(OutboxMessage.id)))


def test_the_review_reminder_fires_once_per_review_date(app, make_user, tmp_path):
    approver = make_user(Role.APPROVER, email="pipm@example.com", language="ja")
    make_user(Role.APPROVER, email="deputy@example.com")
    make_user(Role.PROCUREMENT, email="buyer@example.com")  # not told
    with app.app_context():
        [result] = load_folder(write_standard(tmp_path / "q", VALID).parent.parent,
                               actor=None, now=at(DAY - timedelta(days=400)))
        person = db.session.get(User, approver.id)
        approve(result.version, actor=person, note="Edition.", now=at(DAY - timedelta(days=400)))
        assignment = assign(result.version, tier="1", actor=person, reason="Ours.",
                            now=at(DAY - timedelta(days=365)), review_by=DAY)
        db.session.commit()
        assignment_id = assignment.id

        assert run_job("standard_reviews", at(DAY - timedelta(days=1))).counts == {
            "standard_reviews_due": 0}
        assert _messages() == []
        assert run_job("standard_reviews", at(DAY)).counts == {"standard_reviews_due": 1}
        assert run_job("standard_reviews", at(DAY)).counts == {"standard_reviews_due": 0}
        assert run_job("standard_reviews", at(DAY + timedelta(days=3))).counts == {
            "standard_reviews_due": 0}
        sent = _messages()
        assert sorted(message.recipient for message in sent) == [
            "deputy@example.com", "pipm@example.com"]
        english = next(message for message in sent if message.language == "en")
        assert english.subject == "Selection standards due for review: 1"
        assert "Selection · Tier 1 · Any classification: Mini standard v1" in english.body_text
        assert f"/standards/assignments/{assignment_id}/review" in english.body_text
        japanese = next(message for message in sent if message.language == "ja")
        assert "ミニ基準 v1" in japanese.body_text

        record_review(db.session.get(StandardAssignment, assignment_id), actor=person,
                      outcome="kept", reason="Still right.", now=at(DAY + timedelta(days=5)),
                      review_by=DAY + timedelta(days=30))
        db.session.commit()
        assert run_job("standard_reviews", at(DAY + timedelta(days=29))).counts == {
            "standard_reviews_due": 0}
        assert run_job("standard_reviews", at(DAY + timedelta(days=30))).counts == {
            "standard_reviews_due": 1}
        assert len(_messages()) == 4


def test_the_daily_sweep_includes_the_reminder():
    assert "standard_reviews" in DAILY
