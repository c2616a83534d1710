"""Uploaded files, content-addressed by SHA-256 (DESIGN.md §4).

One small interface — put, open, exists, and a probe for readiness — with two backends:
a local folder under the instance path (the default), and S3-compatible object storage
for several web hosts (``VENDORRISK_STORAGE=s3``). Metadata (names, owners, who may
read) lives in the database.
"""

import hashlib
import os
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from flask import current_app
from flask_babel import gettext as _

from vendorrisk.foundation.errors import DomainError


class StorageUnavailable(DomainError):
    """The file store cannot take a file now (503); the caller's change is rolled back."""

    status_code = 503


class Storage(Protocol):
    """Where file contents live."""

    def put(self, data: bytes) -> str: ...
    def open(self, sha256: str) -> BinaryIO: ...
    def exists(self, sha256: str) -> bool: ...
    def probe(self) -> None: ...
    # Gone for good (a file past its retention period that nothing else refers to)
    def delete(self, sha256: str) -> None: ...
    # A few files kept by name, rewritten whole (the audit log's anchors)
    def write_named(self, name: str, data: bytes) -> None: ...
    def read_named(self, name: str) -> bytes | None: ...


PROBE = b"vendorrisk readiness probe\n"


def _probe_name() -> str:
    # Unique each time: a write that is skipped because the file is there proves nothing.
    return f"readiness-{uuid.uuid4().hex}"


def _unavailable(reason: str) -> StorageUnavailable:
    return StorageUnavailable(_("The file could not be stored (%(reason)s). Nothing was saved; "
                                "please try again later.", reason=reason))


def _checked(sha256: str) -> str:
    if len(sha256) != 64 or any(char not in "0123456789abcdef" for char in sha256):
        raise ValueError("not a SHA-256 hex digest")
    return sha256


def _named(name: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9.-]{0,99}", name):
        raise ValueError("not a stored file's name")
    return name


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
            self._write(path, data)
        return digest

    def probe(self) -> None:
        """Write a small file of its own, as an upload is written, and remove it;
        StorageUnavailable when the folder takes no file now (full, not writable)."""
        path = self.root / _probe_name()
        self._write(path, PROBE)
        path.unlink()

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        handle = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
                handle.write(data)
            os.replace(handle.name, path)
        except OSError as error:  # the disk is full, or the folder not writable
            if handle is not None:
                Path(handle.name).unlink(missing_ok=True)  # no half-written file stays
            raise _unavailable(error.strerror or type(error).__name__) from error

    def open(self, sha256: str) -> BinaryIO:
        return self._path(sha256).open("rb")

    def write_named(self, name: str, data: bytes) -> None:
        self._write(self.root / "named" / _named(name), data)

    def read_named(self, name: str) -> bytes | None:
        path = self.root / "named" / _named(name)
        return path.read_bytes() if path.exists() else None

    def exists(self, sha256: str) -> bool:
        try:
            return self._path(sha256).exists()
        except ValueError:
            return False

    def delete(self, sha256: str) -> None:
        self._path(sha256).unlink(missing_ok=True)


class S3Storage:
    """Objects in a bucket under ``prefix``, keyed like the local folder's paths. A file
    is written once (its key is its hash) and read into a temporary file, so that a
    download streams as a local one does. Credentials come the usual AWS ways
    (environment, profile, instance role)."""

    def __init__(self, client: Any, bucket: str, prefix: str) -> None:
        self.client, self.bucket, self.prefix = client, bucket, prefix.strip("/")

    def _key(self, sha256: str) -> str:
        digest = _checked(sha256)
        return "/".join(part for part in (self.prefix, digest[:2], digest[2:4], digest)
                        if part)

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        try:
            if not self.exists(digest):
                self.client.put_object(Bucket=self.bucket, Key=self._key(digest),
                                       Body=data, ChecksumAlgorithm="SHA256")
        except Exception as error:  # botocore's errors: unreachable, refused, full
            raise _unavailable(type(error).__name__) from error
        return digest

    def probe(self) -> None:
        """Write a small object of its own and remove it (that very version, so that a
        versioned bucket keeps nothing of it); StorageUnavailable when either fails."""
        key = "/".join(part for part in (self.prefix, _probe_name()) if part)
        try:
            written = self.client.put_object(Bucket=self.bucket, Key=key, Body=PROBE)
            version = {"VersionId": written["VersionId"]} if written.get("VersionId") else {}
            self.client.delete_object(Bucket=self.bucket, Key=key, **version)
        except Exception as error:  # botocore's errors: unreachable, refused, denied
            raise _unavailable(type(error).__name__) from error

    def _named_key(self, name: str) -> str:
        return "/".join(part for part in (self.prefix, "named", _named(name)) if part)

    def write_named(self, name: str, data: bytes) -> None:
        try:
            self.client.put_object(Bucket=self.bucket, Key=self._named_key(name), Body=data,
                                   ChecksumAlgorithm="SHA256")
        except Exception as error:  # botocore's errors: unreachable, refused, full
            raise _unavailable(type(error).__name__) from error

    def read_named(self, name: str) -> bytes | None:
        try:
            return self.client.get_object(Bucket=self.bucket,
                                          Key=self._named_key(name))["Body"].read()
        except Exception as error:  # botocore's ClientError; a 404 means "not there"
            if _not_found(error):
                return None
            raise

    def open(self, sha256: str) -> BinaryIO:
        handle = tempfile.SpooledTemporaryFile(max_size=8 << 20)  # noqa: SIM115  (returned)
        self.client.download_fileobj(self.bucket, self._key(sha256), handle)
        handle.seek(0)
        return handle  # type: ignore[return-value]

    def delete(self, sha256: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(sha256))
        except Exception as error:  # botocore's errors: unreachable, refused, denied
            raise _unavailable(type(error).__name__) from error

    def exists(self, sha256: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(sha256))
        except ValueError:
            return False
        except Exception as error:  # botocore's ClientError; a 404 means "not there"
            if _not_found(error):
                return False
            raise
        return True


def _not_found(error: Exception) -> bool:
    return getattr(error, "response", {}).get("Error", {}).get("Code") in (
        "404", "NoSuchKey", "NotFound")


def _s3() -> S3Storage:
    # One client per process: building one reads the configuration files each time.
    config = current_app.config
    key = (config["S3_BUCKET"], config.get("S3_ENDPOINT_URL"), config.get("S3_REGION"))
    if key not in _S3_CLIENTS:
        import boto3  # the "s3" extra; only needed with VENDORRISK_STORAGE=s3

        _S3_CLIENTS[key] = boto3.client("s3", endpoint_url=config.get("S3_ENDPOINT_URL"),
                                        region_name=config.get("S3_REGION"))
    return S3Storage(_S3_CLIENTS[key], config["S3_BUCKET"], config.get("S3_PREFIX") or "")


_S3_CLIENTS: dict[tuple, Any] = {}


def upload_folder() -> Path:
    """Where the local backend keeps files (UPLOAD_FOLDER, else <instance>/uploads)."""
    return Path(current_app.config.get("UPLOAD_FOLDER") or os.path.join(
        current_app.instance_path, "uploads"))


def storage() -> Storage:
    """The configured storage backend."""
    if current_app.config.get("STORAGE") == "s3":
        return _s3()
    return LocalStorage(upload_folder())
