"""foundation/chunked_pdf.py on its own: parts joined in order and numbered through,
its temporary files gone afterwards, a failing part failing the whole (nothing half
joined), and the cores counted where the system cannot say which it may use."""

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from vendorrisk.foundation import chunked_pdf
from vendorrisk.foundation.chunked_pdf import ChunkedPdf, cores

STATIC = Path(__file__).resolve().parents[1] / "vendorrisk" / "static"
PAGE = "@page { size: A6; margin: 10mm; @bottom-right { content: %s } }"


def _frame(first: int, pages: int, total: int) -> str:
    style = PAGE % f"counter(page) ' of {total}'"
    return (f"<style>{style} @page :first {{ counter-reset: page {first} }} "
            "div { page-break-after: always }</style>" + "<div></div>" * pages)


def _part(words: list[str]) -> str:
    return (f"<style>{PAGE % 'none'} p {{ page-break-after: always }}</style>"
            + "".join(f"<p>{word}</p>" for word in words))


def test_parts_are_joined_in_order_and_numbered_through():
    told: list[int] = []
    with ChunkedPdf(STATIC, _frame, progress=told.append, workers=2) as book:
        folder = book.folder
        for words in (["alpha", "beta"], ["gamma"], ["delta", "epsilon", "zeta"]):
            book.add(_part(words), len(words))
        data = book.finish()
    assert not folder.exists()
    pages = [page.extract_text().split() for page in PdfReader(io.BytesIO(data)).pages]
    assert pages == [[word, str(number), "of", "6"] for number, word in enumerate(
        ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"], start=1)]
    assert told == [2, 3, 6]


def _no_frame(first: int, pages: int, total: int) -> str:
    raise RuntimeError("no frame")


def test_a_failure_fails_the_whole_and_leaves_nothing():
    book = ChunkedPdf(STATIC, _no_frame, workers=1)
    with book:
        book.add(_part(["alpha"]), 1)
        with pytest.raises(RuntimeError, match="no frame"):
            book.finish()
    assert not book.folder.exists()


def test_cores_where_the_system_cannot_say_which(monkeypatch):
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    assert cores() == (os.cpu_count() or 1)
    monkeypatch.setattr(chunked_pdf.os, "cpu_count", lambda: None)
    assert cores() == 1
