"""What a zip (an Office file) declares in its directory, read without unpacking it.

Python's zipfile never reads a part past the size its directory declares (a part that
unpacks to more fails its check instead), so the declared sizes bound what reading the
file can cost: checking them refuses a zip bomb before any part is read. Evidence uploads
and the register's import both check Office files this way, each with its own limits.
"""

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class ZipLimits:
    """The most parts, and unpacked bytes in all, that a zip may declare."""

    parts: int
    unpacked: int


class OverLimit(ValueError):
    """The zip declares more than a limit allows; ``limit`` says which: "parts" or
    "unpacked"."""

    def __init__(self, limit: str) -> None:
        super().__init__(f"the zip declares too many {limit}")
        self.limit = limit


def declared_parts(data: bytes, limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """The parts ``data`` declares. zipfile.BadZipFile when it is no zip; OverLimit when
    it declares more parts, or more unpacked bytes, than ``limits`` allow."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except ValueError as error:  # a directory that contradicts itself
        raise zipfile.BadZipFile(str(error)) from error
    if len(parts) > limits.parts:
        raise OverLimit("parts")
    if sum(part.file_size for part in parts) > limits.unpacked:
        raise OverLimit("unpacked")
    return parts
