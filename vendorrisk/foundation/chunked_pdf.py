"""A long PDF laid out in parts, in worker processes, and joined.

WeasyPrint holds a whole document's layout in memory until it writes the PDF: about
2 GiB for a register of 5,000 vendors. A report that grows with the portfolio is
therefore cut into parts of a fixed number of rows; each part is laid out in a worker
process (as many at once as the machine has cores, so memory is bounded by the part, not
the portfolio) and written to a temporary file. A part is laid out without page numbers:
only when every part's page count is known can "page N of M" be printed. Each part's
pages are then stamped with a frame that holds nothing but the footer, laid out by
WeasyPrint too (same font, place and words; its first page numbered where the part
starts), and the parts are joined with pypdf. The running header and the repeated table
header are each part's own, so they are right across the joins.
"""

import io
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from types import TracebackType

from pypdf import PdfReader, PdfWriter

from vendorrisk.foundation.pdf import html_to_pdf

# frame(first page's number, pages, total pages) → the HTML of the footers' frame
Frame = Callable[[int, int, int], str]


def cores() -> int:
    """The cores this process may run on (a container's share, not the host's, where
    the system says: Linux; elsewhere the machine's)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _lay_out(html: str, static_folder: str, path: str) -> int:
    """In a worker: lay out one part, write it to ``path``; its page count."""
    Path(path).write_bytes(html_to_pdf(html, static_folder=Path(static_folder)))
    return len(PdfReader(path).pages)


def _stamp(path: str, frame_html: str, static_folder: str) -> None:
    """In a worker: print the frame's footers onto the part's pages, in place."""
    frame = PdfReader(io.BytesIO(html_to_pdf(frame_html, static_folder=Path(static_folder))))
    writer = PdfWriter(clone_from=path)
    for page, footer in zip(writer.pages, frame.pages, strict=True):
        page.merge_page(footer)
        page.compress_content_streams()  # merged, they are written uncompressed: 4× larger
    writer.write(path)


class ChunkedPdf:
    """Parts added in order (``add``), laid out while more are read; ``finish`` numbers
    the pages and returns the joined PDF. ``progress`` is told how many rows are laid out
    as parts finish. Use it in a ``with`` block: the workers and files go at its end."""

    def __init__(self, static_folder: Path, frame: Frame, *,
                 progress: Callable[[int], None] | None = None,
                 workers: int | None = None) -> None:
        self.static_folder, self.frame, self.progress = str(static_folder), frame, progress
        self.workers = workers or cores()
        self.folder = Path(tempfile.mkdtemp(prefix="vendorrisk-pdf-"))
        # spawn: a fresh interpreter, not a fork of a process holding database connections
        self.pool = ProcessPoolExecutor(max_workers=self.workers,
                                        mp_context=get_context("spawn"))
        self.pending: deque[tuple[Future, int]] = deque()
        self.pages: list[int] = []
        self.rows_done = 0

    def __enter__(self) -> "ChunkedPdf":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _path(self, index: int) -> str:
        return str(self.folder / f"part-{index:05d}.pdf")

    def _collect_oldest(self) -> None:
        future, rows = self.pending.popleft()
        self.pages.append(future.result())
        self.rows_done += rows
        if self.progress:
            self.progress(self.rows_done)

    def add(self, html: str, rows: int) -> None:
        """Lay out the next part (``rows`` rows); waits while every worker is busy and one
        more part is queued, so that the parts in memory stay few."""
        while len(self.pending) > self.workers:
            self._collect_oldest()
        index = len(self.pages) + len(self.pending)
        self.pending.append((self.pool.submit(_lay_out, html, self.static_folder,
                                              self._path(index)), rows))

    def finish(self) -> bytes:
        """Number every page "N of M" and join the parts."""
        while self.pending:
            self._collect_oldest()
        total, first = sum(self.pages), 1
        stamps = []
        for index, count in enumerate(self.pages):
            stamps.append(self.pool.submit(_stamp, self._path(index),
                                           self.frame(first, count, total),
                                           self.static_folder))
            first += count
        for stamp in stamps:
            stamp.result()
        writer = PdfWriter()
        for index in range(len(self.pages)):
            writer.append(self._path(index))
        output = io.BytesIO()
        writer.write(output)
        return output.getvalue()
