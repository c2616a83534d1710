"""HTML to PDF with WeasyPrint, fetching nothing but the application's own static files.

A report's HTML holds vendor-written text (escaped by the template); even so, no URL in
it may make the renderer reach the network or the file system: the fetcher below serves
``/static/...`` from the package's static folder and refuses everything else, so an
``<img src="http://…">`` or ``file:///etc/passwd`` is never requested.
"""

import functools
import logging
import mimetypes
import warnings
from dataclasses import dataclass
from pathlib import Path

with warnings.catch_warnings():
    # Without libharfbuzz-subset WeasyPrint 70 warns at import that a future version will
    # need it (a DeprecationWarning: an error under pytest's filterwarnings) and subsets
    # fonts with fontTools instead. That works, more slowly: html_to_pdf says so once.
    warnings.filterwarnings("ignore", message="HarfBuzz-Subset will be required",
                            category=DeprecationWarning)
    from weasyprint import HTML, Attachment
    from weasyprint.text.ffi import harfbuzz_subset
    from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)
FAST_FONT_SUBSETTING = harfbuzz_subset is not None
SLOW_SUBSETTING_NOTE = (
    "libharfbuzz-subset0 is not installed: PDF reports subset their fonts with fontTools, "
    "which is slower (apt-get install libharfbuzz-subset0)")

BASE_URL = "https://vendorrisk.invalid/"  # what relative URLs in a report resolve against
STATIC_PREFIX = BASE_URL + "static/"


class StaticOnlyFetcher(URLFetcher):
    """Serves files below ``static_folder`` for ``BASE_URL/static/...``; refuses the rest
    (WeasyPrint then leaves the resource out and logs a warning)."""

    def __init__(self, static_folder: Path) -> None:
        super().__init__(allowed_protocols=())
        self._root = static_folder.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if not url.startswith(STATIC_PREFIX):
            raise ValueError(f"reports fetch only the application's static files: {url!r}")
        relative = url[len(STATIC_PREFIX):].split("?", 1)[0].split("#", 1)[0]
        path = (self._root / relative).resolve()
        if not path.is_file() or not path.is_relative_to(self._root):
            raise ValueError(f"no such static file: {relative!r}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})


@dataclass(frozen=True)
class Embedded:
    """A file carried inside the PDF (PDF/A-3b allows attachments): the machine-readable
    twin of what the pages show."""

    name: str
    data: bytes
    description: str


def html_to_pdf(html: str, *, static_folder: Path, archival: bool = False,
                embedded: tuple[Embedded, ...] = ()) -> bytes:
    """The PDF of ``html``; ``archival`` makes it PDF/A-3b, with ``embedded`` inside."""
    if not FAST_FONT_SUBSETTING:
        _note_slow_subsetting()
    fetcher = StaticOnlyFetcher(static_folder)
    attachments = [Attachment(string=item.data, name=item.name, description=item.description,
                              url_fetcher=fetcher, relationship="Source")
                   for item in embedded]
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/a-3b" if archival else None, attachments=attachments,
        uncompressed_pdf=False)


@functools.cache
def _note_slow_subsetting() -> None:
    """Log, once per process, that fonts are subset the slow way."""
    log.warning(SLOW_SUBSETTING_NOTE)
