"""``vendorrisk standards check|load|import-vsaq``."""

from pathlib import Path

import click
from flask.cli import with_appcontext

from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.standards.loader import definition_files, read_definition
from vendorrisk.standards.services import LoadOutcome, load_folder
from vendorrisk.standards.translation import untranslated
from vendorrisk.standards.vsaq import convert_vsaq
from vendorrisk.standards.vsaq.mapping import default_criteria, mapping_problems, read_mapping

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
    problems = []
    for path in definition_files(folder):
        definition, _data, found = read_definition(path, folder)
        problems.extend(found)
        marks = untranslated(definition) if definition is not None else []
        if marks:
            shown = ", ".join(marks[:5]) + (f" and {len(marks) - 5} more" if len(marks) > 5
                                            else "")
            click.echo(f"{path.relative_to(folder)}: warning: {len(marks)} texts are not "
                       f"translated yet (marked (未翻訳)): {shown}; translate them or "
                       "declare the standard single-language (language: en) before it "
                       "can be approved.", err=True)
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
    if stored:
        click.echo("New versions are drafts: an approver approves each one and assigns it to "
                   "the tiers it serves (Standards page) before it is sent.")


@standards_cli.command("import-vsaq")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--slug", required=True, help="Slug of the new standard.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write <slug>/v1.yaml into (default: the shipped questionnaires).")
@click.option("--extension", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A VSAQ extension file to insert into SOURCE first.")
@click.option("--language", type=click.Choice(["en"]),
              help="Write a single-language (English) standard instead of marking the "
                   "Japanese texts as untranslated.")
@click.option("--mapping", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An edited criteria-mapping.yaml to apply instead of the proposal "
                   "(it rewrites <slug>/v1.yaml: apply it before translating).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the import report to this file.")
def import_vsaq_command(source: Path, slug: str, out: Path | None, extension: Path | None,
                        language: str | None, mapping: Path | None,
                        report_file: Path | None) -> None:
    """Convert a Google VSAQ questionnaire (as published) into a standard file, propose
    its criteria mapping, and report every change and everything not converted."""
    try:
        edited = read_mapping(mapping) if mapping else None
        result = convert_vsaq(
            source.read_text(encoding="utf-8"), slug=slug, file=source.name,
            extension=extension.read_text(encoding="utf-8") if extension else None,
            extension_file=extension.name if extension else "", language=language,
            mapping=edited)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if mapping is not None and edited is not None:
        errors, notes = mapping_problems(edited, {
            q["id"] for q in result.questions}, default_criteria(questionnaires_folder()))
        for line in notes:
            click.echo(f"{mapping.name}: {line}", err=True)
        if errors:
            raise click.ClickException(f"{mapping.name}: " + "; ".join(errors)
                                       + ". Nothing was written.")
    folder = (out or questionnaires_folder()) / slug
    target = folder / "v1.yaml"
    if target.exists() and mapping is None:
        raise click.ClickException(f"{target} exists already; choose another slug "
                                   "(or re-import with --mapping to apply an edited mapping).")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(result.yaml_text, encoding="utf-8")
    (folder / "criteria-mapping.yaml").write_text(result.mapping_text, encoding="utf-8")
    click.echo(f"Wrote {target}: {result.question_count} questions in "
               f"{result.section_count} sections, {result.warnings_mapped} warnings mapped.")
    click.echo(f"Wrote {folder / 'criteria-mapping.yaml'}: the proposed criteria; edit it, "
               "then import again with --mapping.")
    click.echo(result.report.text(), nl=False)
    if report_file:
        report_file.write_text(result.report.text(), encoding="utf-8")
    if language is None:
        click.echo("Translate the texts marked (未翻訳), then run `vendorrisk standards check`.")
