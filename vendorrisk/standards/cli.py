"""``vendorrisk standards check|load|import-vsaq``."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.standards.loader import check_folder, definition_files
from vendorrisk.standards.services import LoadOutcome, load_folder
from vendorrisk.standards.vsaq import convert_vsaq

folder_option = click.option(
    "--folder", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of <slug>/v<N>.yaml files (default: the shipped questionnaires).")


@click.group("standards")
def standards_cli() -> None:
    """Check, load and import selection standards."""


@standards_cli.command("check")
@folder_option
def check_command(folder: Path | None) -> None:
    """Validate every standard file; exit 1 naming file, line and problem for each error."""
    folder = folder or questionnaires_folder()
    problems = check_folder(folder)
    for problem in problems:
        click.echo(str(problem), err=True)
    count = len(definition_files(folder))
    if problems:
        raise click.ClickException(f"{len(problems)} problems in {count} files.")
    click.echo(f"{count} standard files are valid.")


@standards_cli.command("load")
@folder_option
@with_appcontext
def load_command(folder: Path | None) -> None:
    """Store every new version; refuse invalid files and changed stored versions."""
    results = load_folder(folder or questionnaires_folder(), actor=None, now=utcnow())
    refused = [result for result in results if result.outcome == LoadOutcome.REFUSED]
    if refused:
        db.session.rollback()
        for result in refused:
            for problem in result.problems:
                click.echo(str(problem), err=True)
        raise click.ClickException(f"{len(refused)} files refused; nothing was stored.")
    db.session.commit()
    stored = [r.file for r in results if r.outcome == LoadOutcome.STORED]
    click.echo(f"{len(stored)} new versions stored, "
               f"{len(results) - len(stored)} already stored.")
    for name in stored:
        click.echo(f"  stored {name}")


@standards_cli.command("import-vsaq")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--slug", required=True, help="Slug of the new standard.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write <slug>/v1.yaml into (default: the shipped questionnaires).")
def import_vsaq_command(source: Path, slug: str, out: Path | None) -> None:
    """Convert a Google VSAQ JSON questionnaire into a standard file, and report the rest."""
    try:
        result = convert_vsaq(source.read_text(encoding="utf-8"), slug=slug)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    target = (out or questionnaires_folder()) / slug / "v1.yaml"
    if target.exists():
        raise click.ClickException(f"{target} exists already; choose another slug.")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.yaml_text, encoding="utf-8")
    click.echo(f"Wrote {target}: {result.question_count} questions in "
               f"{result.section_count} sections.")
    for note in result.notes:
        click.echo(f"  not converted: {note}")
    click.echo("Translate the 'ja' texts (copied from English), then run "
               "`vendorrisk standards check`.")
