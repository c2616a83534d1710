"""Where the shipped data folders are, in a source checkout and in an installed wheel.

``migrations/`` and ``questionnaires/`` sit at the top of the repository; a wheel
carries them inside the package (pyproject.toml maps them to ``vendorrisk/migrations``
and ``vendorrisk/questionnaires``). A source checkout or editable install finds them
beside the package.
"""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # vendorrisk/, this file being in foundation/


def _shipped_folder(name: str) -> Path:
    for candidate in (PACKAGE / name, PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"The {name} folder is missing from this installation of vendorrisk.")


def migrations_folder() -> Path:
    """The Alembic folder (absolute, so ``vendorrisk db`` works from any directory)."""
    return _shipped_folder("migrations")


def questionnaires_folder() -> Path:
    """The folder of shipped selection-standard definitions."""
    return _shipped_folder("questionnaires")
