"""Recognising uploaded evidence by its content, never by its name (an allowlist)."""

from dataclasses import dataclass
from zipfile import BadZipFile

from vendorrisk.foundation.archives import OverLimit, ZipLimits, declared_parts

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_FOLDERS = {"word/": "application/vnd.openxmlformats-officedocument."
                          "wordprocessingml.document",
                 "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "ppt/": "application/vnd.openxmlformats-officedocument."
                         "presentationml.presentation"}


@dataclass(frozen=True)
class Sniffed:
    """What the content is: a MIME type and a short name for people."""

    mime: str
    kind: str


# An Office file is a zip. Nothing here ever unpacks one, but a reviewer's Office will:
# one that claims to unpack to more than this, or to hold more parts, is no document.
OFFICE_LIMITS = ZipLimits(parts=10_000, unpacked=200 * 1024 * 1024)


def _office_zip(data: bytes) -> Sniffed | None:
    try:
        parts = declared_parts(data, OFFICE_LIMITS)
    except (BadZipFile, OverLimit):
        return None
    names = [part.filename for part in parts]
    if "[Content_Types].xml" not in names:
        return None
    for folder, mime in OOXML_FOLDERS.items():
        if any(name.startswith(folder) for name in names):
            return Sniffed(mime, "Office document")
    return None


def _text(data: bytes) -> bool:
    if b"\x00" in data[:65536]:
        return False
    for encoding in ("utf-8", "cp932"):
        try:
            data[:65536].decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def sniff(data: bytes, filename: str) -> Sniffed | None:
    """The file's type if it is on the allowlist (PDF, image, Office, text, CSV), else None."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return Sniffed("application/pdf", "PDF")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", "image")
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", "image")
    if head.startswith((b"GIF87a", b"GIF89a")):
        return Sniffed("image/gif", "image")
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return Sniffed("image/webp", "image")
    if head.startswith(b"PK\x03\x04"):
        return _office_zip(data)
    if head.startswith(OLE2):
        return Sniffed("application/vnd.ms-office", "Office document")
    if head.startswith((b"MZ", b"\x7fELF", b"#!")):
        return None
    if filename.lower().endswith((".txt", ".csv")) and _text(data):
        return Sniffed("text/csv" if filename.lower().endswith(".csv") else "text/plain",
                       "text")
    return None
