"""What the hand-off and digest tests share: the outbox delivered to the test SMTP
server, and the messages read back by recipient."""

from email.message import EmailMessage

from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.services import deliver_pending


def deliver(smtp_server) -> list[EmailMessage]:
    """Commit, send everything due to the test SMTP server, return what arrived since."""
    db.session.commit()
    before = len(smtp_server.messages)
    report = deliver_pending(utcnow())
    assert report.failed == report.retrying == 0
    return smtp_server.messages[before:]


def by_recipient(messages: list[EmailMessage]) -> dict[str, list[EmailMessage]]:
    found: dict[str, list[EmailMessage]] = {}
    for message in messages:
        found.setdefault(str(message["To"]), []).append(message)
    return found


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
