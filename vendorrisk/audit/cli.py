"""``vendorrisk audit verify``: recompute the hash chain of the audit log and check it
against the anchors of its head kept outside the database (anchors.py)."""

import click
from flask.cli import with_appcontext

from vendorrisk.audit.anchors import check_anchors
from vendorrisk.audit.chain import Anchor
from vendorrisk.audit.services import verify_chain


@click.group("audit")
def audit_cli() -> None:
    """Check the audit log."""


def _given(context: click.Context, parameter: click.Parameter,
           values: tuple[str, ...]) -> list[Anchor]:
    try:
        return [Anchor.given(value) for value in values]
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@audit_cli.command("verify")
@click.option("--anchor", "given", multiple=True, callback=_given, metavar="SEQUENCE:HASH",
              help="An anchor from the weekly e-mail to the auditors (repeatable).")
@with_appcontext
def verify_command(given: list[Anchor]) -> None:
    """Recompute every row's hash and check the stored and given anchors; exit 1 naming
    the first row that does not match, or the anchor the log no longer reaches."""
    count, broken = verify_chain()
    if broken is not None:
        raise click.ClickException(
            f"Audit log broken at row id {broken.row_id} (sequence {broken.seq}): "
            f"{broken.reason}. {count} rows checked."
        )
    try:
        anchors = check_anchors(given)
    except ValueError as error:  # the stored anchors were damaged: say where
        raise click.ClickException(f"The stored anchors cannot be read ({error}); the "
                                   "hash chain itself is intact.") from None
    if anchors.problems:
        raise click.ClickException("Audit log " + "; ".join(anchors.problems) + ".")
    rows = "1 row" if count == 1 else f"{count} rows"
    click.echo(f"Audit log intact: {rows}, hash chain verified.")
    if anchors.newest is None:
        click.echo("No anchor to check against yet: the scheduler's daily audit_anchor job "
                   "writes one.")
    else:
        newest = anchors.newest
        when = f" of {newest.at:%Y-%m-%d %H:%M} UTC" if newest.at else ""
        click.echo(f"Anchors: {anchors.checked} checked, the log reaches each (newest: "
                   f"sequence {newest.seq}{when}).")
