"""The wheel carries the migrations, questionnaires, templates and translations."""

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "vendorrisk").rglob("__init__.py")
    }
    assert found <= listed, "add the new package to [tool.setuptools] packages"


def test_top_level_holds_only_the_agreed_entries():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=False)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    top = {line.split("/")[0] for line in tracked.stdout.splitlines()}
    assert top <= {"vendorrisk", "questionnaires", "migrations", "tests", "docs", "wsgi.py",
                   "pyproject.toml", "README.md", ".ci", ".gitignore"}


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory) -> set[str]:
    source = tmp_path_factory.mktemp("source")
    for name in ("vendorrisk", "migrations", "questionnaires", "pyproject.toml", "README.md"):
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, source / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy(origin, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--quiet", "--wheel-dir", str(out), str(source)],
        check=True, capture_output=True,
    )
    (wheel,) = out.glob("vendorrisk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_ships_data_and_migrations(wheel_names):
    migrations = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    expected = {
        "vendorrisk/migrations/env.py",
        "vendorrisk/migrations/alembic.ini",
        "vendorrisk/migrations/script.py.mako",
        "vendorrisk/questionnaires/README.md",
        "vendorrisk/questionnaires/schema.json",
        "vendorrisk/questionnaires/consignee-selection/v1.yaml",
        "vendorrisk/templates/base.html",
        "vendorrisk/auth/templates/auth/login.html",
        "vendorrisk/translations/ja/LC_MESSAGES/messages.mo",
        "vendorrisk/static/css/app.css",
        *(f"vendorrisk/migrations/versions/{name}" for name in migrations),
    }
    assert expected <= wheel_names
    assert not any("__pycache__" in name for name in wheel_names)
