"""The daily digest: a user who chose it hears of hand-offs once a day, in one e-mail
listing each with its link; the others hear at once. Caught by a real SMTP server."""

from datetime import datetime

from sqlalchemy import func, select

from tests.notifications.handoff_helpers import by_recipient, deliver, text_of
from tests.notifications.test_handoffs import _vendor
from tests.review.conftest import staff, submitted  # noqa: F401  (a fixture)
from vendorrisk.auth.models import NotificationMode, Role, User
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.digest import send_digests
from vendorrisk.notifications.models import DigestItem
from vendorrisk.supervision.runner import DAILY, run_job

BASE = "http://127.0.0.1:5000"
NOW = datetime.now().astimezone()


def _digest_reader(app, make_user, **kwargs) -> User:
    user = make_user(Role.REVIEWER, **kwargs)
    with app.app_context():
        db.session.get(User, user.id).notification_mode = NotificationMode.DIGEST
        db.session.commit()
    return user


def test_a_digest_reader_gets_one_email_a_day_listing_each_handoff(
        app, staff, make_user, make_vendor, smtp_server):  # noqa: F811
    reader = _digest_reader(app, make_user, email="dana@example.com", name="Dana Digest")
    with app.app_context():
        vendors = [_vendor(make_vendor, legal_name=name) for name in ("First K.K.",
                                                                      "Second K.K.")]
        first, second = (submitted(vendor, db.session.merge(staff.sender), NOW)
                         for vendor in vendors)
        at_once = by_recipient(deliver(smtp_server))
        waiting = db.session.scalar(select(func.count()).select_from(DigestItem).where(
            DigestItem.user_id == reader.id, DigestItem.sent_at.is_(None)))
        ids = first.id, second.id
    assert "dana@example.com" not in at_once  # nothing yet: it waits for the digest
    assert len(at_once["rio@example.com"]) == 2  # the immediate reader: one each
    assert waiting == 2

    with app.app_context():
        run = run_job("digests", NOW)
        assert run.counts == {"digests": 1, "notices": 2}
        (digest,) = deliver(smtp_server)
    assert digest["To"] == "dana@example.com"
    assert digest["Subject"] == "Your daily digest: 2 notices"
    lines = text_of(digest).splitlines()
    assert "- First K.K. has submitted its questionnaire" in " ".join(lines)
    assert "- Second K.K. has submitted its questionnaire" in " ".join(lines)
    assert [f"  {BASE}/assessments/{number}" for number in ids] == [
        line for line in lines if "/assessments/" in line]
    assert f"{BASE}/auth/account#notifications" in lines

    with app.app_context():  # the next run has nothing new to say
        assert send_digests(NOW) == {"digests": 0, "notices": 0}
        assert deliver(smtp_server) == []
    assert "digests" in DAILY


def test_a_disabled_reader_gets_no_digest(
        app, staff, make_user, make_vendor, smtp_server):  # noqa: F811
    reader = _digest_reader(app, make_user, email="left@example.com")
    with app.app_context():
        submitted(_vendor(make_vendor), db.session.merge(staff.sender), NOW)
        db.session.get(User, reader.id).active = False
        deliver(smtp_server)
        assert send_digests(NOW) == {"digests": 0, "notices": 0}
        assert all(m["To"] != "left@example.com" for m in deliver(smtp_server))
        assert db.session.scalar(select(func.count()).select_from(DigestItem).where(
            DigestItem.sent_at.is_(None))) == 0  # dropped, not kept for ever


def test_the_digest_is_in_the_readers_language(
        app, staff, make_user, make_vendor, smtp_server):  # noqa: F811
    """Needs the lead's merge of /work/notes/ja-handoffs.po for the Japanese words."""
    _digest_reader(app, make_user, email="kei@example.com", language="ja")
    with app.app_context():
        submitted(_vendor(make_vendor, legal_name="言語 K.K."), db.session.merge(staff.sender),
                  NOW)
        deliver(smtp_server)
        send_digests(NOW)
        (digest,) = deliver(smtp_server)
    assert 'lang="ja"' in digest.get_body(preferencelist=("html",)).get_content()
    assert "言語 K.K." in text_of(digest)
    assert "ダイジェスト" in digest["Subject"]
