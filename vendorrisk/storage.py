"""Uploaded files, content-addressed by SHA-256 (DESIGN.md §4).

One small interface — put, open, exists — with a local-folder backend under the
instance path. Metadata (names, owners, who may read) lives in the database.
"""

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import current_app


class Storage(Protocol):
    """Where file contents live."""

    def put(self, data: bytes) -> str: ...
    def open(self, sha256: str) -> BinaryIO: ...
    def exists(self, sha256: str) -> bool: ...


def _checked(sha256: str) -> str:
    if len(sha256) != 64 or any(char not in "0123456789abcdef" for char in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return sha256


class LocalStorage:
    """Files in a folder, two levels of fan-out by hash prefix; written atomically."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        digest = _checked(sha256)
        return self.root / digest[:2] / digest[2:4] / digest

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        path = self._path(digest)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        return digest

    def open(self, sha256: str) -> BinaryIO:
        return self._path(sha256).open("rb")

    def exists(self, sha256: str) -> bool:
        try:
            return self._path(sha256).exists()
        except ValueError:
            return False


def upload_folder() -> Path:
    """Where the local backend keeps files (UPLOAD_FOLDER, else <instance>/uploads)."""
    return Path(current_app.config.get("UPLOAD_FOLDER") or os.path.join(
        current_app.instance_path, "uploads"))


def storage() -> Storage:
    """The configured storage backend."""
    return LocalStorage(upload_folder())
