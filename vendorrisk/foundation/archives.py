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
    """The most parts, and unpacked bytes in all, that a zip may declare; with
    ``packing``, also how many times its packed size a part larger than ``packed_above``
    may unpack to (deflate reaches a thousandfold on repeated content, a bomb's)."""

    parts: int
    unpacked: int
    packing: int | None = None
    packing_above: int = 1024 * 1024


class OverLimit(ValueError):
    """The zip declares more than a limit allows; ``limit`` says which: "parts",
    "unpacked" or "packing" (then ``part`` names the part)."""

    def __init__(self, limit: str, part: str = "") -> None:
        super().__init__(f"the zip declares too many {limit} {part}".strip())
        self.limit, self.part = limit, part


def declared_parts(data: bytes, limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """The parts ``data`` declares. zipfile.BadZipFile when it is no zip; OverLimit when
    it declares more parts, more unpacked bytes or a part packed tighter than ``limits``
    allow."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except ValueError as error:  # a directory that contradicts itself
        raise zipfile.BadZipFile(str(error)) from error
    if len(parts) > limits.parts:
        raise OverLimit("parts")
    if sum(part.file_size for part in parts) > limits.unpacked:
        raise OverLimit("unpacked")
    for part in parts:
        if limits.packing and part.file_size > limits.packing_above and \
                part.file_size > limits.packing * max(part.compress_size, 1):
            raise OverLimit("packing", part.filename)
    return parts
