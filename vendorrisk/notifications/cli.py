"""``vendorrisk notifications deliver``: send what is due in the outbox."""

import click
from flask.cli import with_appcontext

from vendorrisk.foundation.clock import utcnow
from vendorrisk.notifications.services import deliver_pending


@click.group("notifications")
def notifications_cli() -> None:
    """Deliver e-mails from the outbox."""


@notifications_cli.command("deliver")
@with_appcontext
def deliver_command() -> None:
    """Try every message that is due; print what happened."""
    report = deliver_pending(utcnow())
    click.echo(f"{report.delivered} delivered, {report.retrying} to retry, "
               f"{report.failed} failed.")
