"""``vendorrisk assessments verify ID``: check a signed assessment against its hash."""

import click
from flask.cli import with_appcontext

from vendorrisk.assessments.models import Assessment
from vendorrisk.foundation.errors import NotFound
from vendorrisk.foundation.extensions import db
from vendorrisk.review.signoff import verify_snapshot


@click.group("assessments")
def assessments_cli() -> None:
    """Signed assessment records."""


@assessments_cli.command("verify")
@click.argument("assessment_id", type=int)
@with_appcontext
def verify_command(assessment_id: int) -> None:
    """Recompute the signed snapshot's SHA-256 and compare the record with the database;
    exit 1 if either differs."""
    assessment = db.session.get(Assessment, assessment_id)
    if assessment is None:
        raise click.ClickException(f"There is no assessment {assessment_id}.")
    try:
        result = verify_snapshot(assessment)
    except NotFound as error:
        raise click.ClickException(error.message) from None
    if not result.hash_matches:
        raise click.ClickException(f"The stored snapshot does not hash to {result.sha256}, or "
                                   "that is not the SHA-256 the audit log recorded at "
                                   "signing: it has been altered.")
    if result.differences:
        raise click.ClickException("The database no longer holds what was signed, in: "
                                   + ", ".join(result.differences) + ".")
    click.echo(f"Assessment {assessment_id}: the signed snapshot verifies (SHA-256 "
               f"{result.sha256}).")
