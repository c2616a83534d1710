"""Handing outbox messages to SMTP, or writing them as .eml files when SMTP is not set."""

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Protocol

from flask import current_app

from vendorrisk.notifications.models import OutboxMessage


class TemporaryFailure(Exception):
    """Try again later (connection refused, 4xx)."""


class PermanentFailure(Exception):
    """Do not retry (the server refused the recipient, 5xx)."""


def build_email(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    if message.reply_to:
        email["Reply-To"] = message.reply_to
    email["Subject"] = message.subject
    email["Date"] = format_datetime(message.created_at)
    email["Message-ID"] = message.message_id
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    return email


class Transport(Protocol):
    def send(self, message: OutboxMessage) -> None: ...


@dataclass
class SmtpTransport:
    """SMTP with optional STARTTLS or implicit TLS and login."""

    host: str
    port: int
    security: str  # "starttls", "tls" or "none"
    username: str | None
    password: str | None
    sender: str
    timeout: float = 10.0

    def send(self, message: OutboxMessage) -> None:
        email = build_email(message, self.sender)
        try:
            if self.security == "tls":
                client = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                          context=ssl.create_default_context())
            else:
                client = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            with client:
                if self.security == "starttls":
                    client.starttls(context=ssl.create_default_context())
                if self.username:
                    client.login(self.username, self.password or "")
                client.send_message(email)
        except smtplib.SMTPRecipientsRefused as error:
            raise PermanentFailure(f"recipient refused: {error.recipients}") from error
        except smtplib.SMTPResponseException as error:
            kind = PermanentFailure if 500 <= error.smtp_code < 600 else TemporaryFailure
            raise kind(f"SMTP {error.smtp_code}: {error.smtp_error!r}") from error
        except (OSError, smtplib.SMTPException) as error:
            raise TemporaryFailure(f"{type(error).__name__}: {error}") from error


@dataclass
class FileTransport:
    """Writes each message to <folder>/<id>.eml (demo mode, or no SMTP configured)."""

    folder: Path
    sender: str

    def send(self, message: OutboxMessage) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{message.id:06d}.eml"
        path.write_bytes(bytes(build_email(message, self.sender)))


def configured_transport(*, at_most: float | None = None) -> Transport:
    """SMTP when VENDORRISK_SMTP_HOST is set, else .eml files in the instance folder;
    ``at_most`` shortens SMTP_TIMEOUT (a web request waits less than the scheduler)."""
    config = current_app.config
    timeout = float(config["SMTP_TIMEOUT"])
    sender = config["SMTP_SENDER"]
    if config.get("SMTP_HOST"):
        return SmtpTransport(host=config["SMTP_HOST"], port=int(config["SMTP_PORT"]),
                             security=config["SMTP_SECURITY"],
                             username=config.get("SMTP_USERNAME"),
                             password=config.get("SMTP_PASSWORD"), sender=sender,
                             timeout=min(timeout, at_most or timeout))
    return FileTransport(Path(current_app.instance_path) / "outbox", sender)
