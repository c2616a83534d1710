"""The register of a large portfolio laid out in parts (foundation/chunked_pdf.py): a
fixed number of vendors per part, each laid out in a worker process while the next are
read, the pages numbered across the parts once all are laid out. The first part carries
the title and the count, the last the notes; the rows are numbered through."""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from flask import current_app

from vendorrisk.foundation.chunked_pdf import ChunkedPdf
from vendorrisk.foundation.printing import page_numbers_html, render_html
from vendorrisk.reports.register import RegisterLine

PART_ROWS = 500  # vendors per part: a part's layout stays near 200 MiB
PAGE_SIZE = "A4 landscape"  # as register.html's page_size block


@dataclass(frozen=True)
class Part:
    """What register.html needs to know of the part it lays out."""

    first: bool
    last: bool
    count: int  # vendors in the whole register
    unassessed: int  # in the whole register, known by the last part


def _parts(lines: Iterable[RegisterLine]) -> Iterator[tuple[list[RegisterLine], bool]]:
    """The lines PART_ROWS at a time, each with whether it is the last part."""
    iterator = iter(lines)
    current = list(islice(iterator, PART_ROWS))
    while current:
        following = list(islice(iterator, PART_ROWS))
        yield current, not following
        current = following


def register_in_parts(page: dict[str, Any], lines: Iterable[RegisterLine], *, total: int,
                      progress: Callable[[int], None]) -> bytes:
    """The register's PDF from ``lines``; ``page``: render_html's template, language,
    title, now and filters; ``total``: the vendors it holds (the title's count)."""
    language = page["language"]

    def frame(first_page: int, pages: int, pages_in_all: int) -> str:
        return page_numbers_html(language=language, page_size=PAGE_SIZE,
                                 first_page=first_page, pages=pages, total=pages_in_all)

    unassessed = 0
    with ChunkedPdf(Path(current_app.static_folder), frame, progress=progress) as book:
        for number, (part, last) in enumerate(_parts(lines)):
            unassessed += sum(1 for line in part if line.unassessed)
            html = render_html(**page, numbered=False, lines=part, part=Part(
                first=number == 0, last=last, count=total, unassessed=unassessed))
            book.add(html, len(part))
        return book.finish()
