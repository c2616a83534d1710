"""Loading standard files into immutable stored versions, and reading them back."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.definition import Definition
from vendorrisk.standards.loader import (
    checksum,
    definition_files,
    definition_from_snapshot,
    read_definition,
)
from vendorrisk.standards.models import StandardVersion
from vendorrisk.standards.yamlsource import Problem


class LoadOutcome(StrEnum):
    STORED = "stored"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class FileResult:
    file: str
    outcome: LoadOutcome
    problems: tuple[Problem, ...] = ()
    version: StandardVersion | None = None


def load_folder(folder: Path, *, actor: User | None, now: datetime) -> list[FileResult]:
    """Store every valid file that is not stored yet; refuse changed or invalid files.

    Nothing is stored for a file with problems, and a file whose content differs from
    the version already stored under its slug and number is refused.
    """
    results = []
    for path in definition_files(folder):
        name = str(path.relative_to(folder))
        definition, data, problems = read_definition(path, folder)
        if definition is None or data is None:
            results.append(FileResult(name, LoadOutcome.REFUSED, tuple(problems)))
            continue
        results.append(_store(definition, data, name, actor=actor, now=now))
    return results


def _store(definition: Definition, data: dict, name: str, *, actor: User | None,
           now: datetime) -> FileResult:
    digest = checksum(data)
    stored = db.session.scalar(select(StandardVersion).where(
        StandardVersion.slug == definition.slug,
        StandardVersion.version == definition.version))
    if stored is not None:
        if stored.checksum == digest:
            return FileResult(name, LoadOutcome.UNCHANGED, version=stored)
        return FileResult(name, LoadOutcome.REFUSED, (Problem(
            name, 2, f"{definition.slug} version {definition.version} is already stored with "
                     "other content; a stored version never changes — copy the file to "
                     f"v{definition.version + 1}.yaml, raise 'version' and change that"),))
    version = StandardVersion(
        slug=definition.slug, version=definition.version, checksum=digest, snapshot=data,
        title_en=definition.title.en, title_ja=definition.title.ja, use=str(definition.use),
        tiers=list(definition.tiers), source_file=name, loaded_at=now, loaded_by=actor)
    db.session.add(version)
    db.session.flush()
    record("standard.version_loaded", actor=actor, object_type="standard_version",
           object_id=version.id, now=now,
           details={"slug": version.slug, "version": version.version, "checksum": digest,
                    "file": name})
    return FileResult(name, LoadOutcome.STORED, version=version)


# Stored versions never change, so each is built once per process (keyed by content).
_DEFINITIONS: dict[str, Definition] = {}


def definition_of(version: StandardVersion) -> Definition:
    """The definition of a stored version."""
    if version.checksum not in _DEFINITIONS:
        _DEFINITIONS[version.checksum] = definition_from_snapshot(version.snapshot)
    return _DEFINITIONS[version.checksum]


def latest_versions() -> list[StandardVersion]:
    """The newest version of each standard."""
    versions = db.session.scalars(select(StandardVersion).order_by(
        StandardVersion.slug, StandardVersion.version.desc())).all()
    latest: dict[str, StandardVersion] = {}
    for version in versions:
        latest.setdefault(version.slug, version)
    return list(latest.values())
