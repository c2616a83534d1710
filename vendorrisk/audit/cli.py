"""``vendorrisk audit verify``: recompute the hash chain of the audit log."""

import click
from flask.cli import with_appcontext

from vendorrisk.audit.services import verify_chain


@click.group("audit")
def audit_cli() -> None:
    """Check the audit log."""


@audit_cli.command("verify")
@with_appcontext
def verify_command() -> None:
    """Recompute every row's hash; exit 1 naming the first row that does not match."""
    count, broken = verify_chain()
    if broken is not None:
        raise click.ClickException(
            f"Audit log broken at row id {broken.row_id} (sequence {broken.seq}): "
            f"{broken.reason}. {count} rows checked."
        )
    rows = "1 row" if count == 1 else f"{count} rows"
    click.echo(f"Audit log intact: {rows}, hash chain verified.")
