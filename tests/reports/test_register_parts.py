"""A register longer than a part (reports/register_parts.py) is laid out in parts by
worker processes and joined: here five vendors a part, twelve vendors, so three parts.
The joined PDF reads as one: every vendor once and in order, the title and count on the
first page only, the notes at the end, "page N of M" right across the joins, the running
header and the table header on every page; the run page shows the layout's progress."""

import io
import re

from pypdf import PdfReader

from tests.reports.test_register_pdf import _render
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.reports import register_parts, renderers
from vendorrisk.reports.models import ReportRun, RunStatus


def _pages(data: bytes) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def test_a_register_in_parts_reads_as_one(app, client, auth, make_vendor, monkeypatch):
    monkeypatch.setattr(renderers, "PART_ROWS", 5)
    monkeypatch.setattr(register_parts, "PART_ROWS", 5)
    names = [f"Parts Vendor {number:02d} K.K." for number in range(1, 13)]
    for name in names:
        make_vendor(legal_name=name)
    auth.login_as(Role.AUDITOR)
    for language, words in (
            ("en", {"title": "Consigneeregister", "count": "12consignees",
                    "header": "#ConsigneeServiceandpurpose", "note": "(APPIArt.25)",
                    "pages": ("Page1of3", "Page2of3", "Page3of3")}),
            ("ja", {"title": "委託先管理台帳", "count": "12件の委託先",
                    "header": "#委託先委託業務と目的", "note": "（個人情報保護法第25条）",
                    "pages": ("1/3ページ", "2/3ページ", "3/3ページ")})):
        run_page = client.post("/reports/register",
                               data={"lang": language}).headers["Location"]
        assert _render(app) == 1
        pages = _pages(client.get(f"{run_page}/file").get_data())
        assert len(pages) == 3  # one part a page: every page is after a join
        for page, number in zip(pages, words["pages"], strict=True):
            assert number in page  # page N of M across the joins
            assert words["header"] in page  # the table header repeated
            assert f"·{words['title']}·" in page  # the running header
        assert pages[0].startswith(words["title"] + words["count"])  # first page only
        assert words["count"] not in pages[1] + pages[2]
        assert words["note"] in pages[2]
        assert words["note"] not in pages[0] + pages[1]
        text = "".join(pages)
        for name in names:
            assert text.count("".join(name.split())) == 1, name
        # numbered through, in order
        assert re.findall(r"(\d+)PartsVendor(\d+)", text) == [
            (str(number), f"{number:02d}") for number in range(1, 13)]


def test_the_run_page_counts_the_vendors_laid_out(app, client, auth, make_vendor):
    auth.login_as(Role.AUDITOR)
    run_page = client.post("/reports/register", data={"lang": "ja"}).headers["Location"]
    with app.app_context():
        run = db.session.get(ReportRun, int(run_page.rsplit("/", 1)[1]))
        run.status, run.stage, run.total, run.done = RunStatus.RUNNING, "parts", 12000, 3000
        db.session.commit()
    page = client.get(f"{run_page}?lang=ja").get_data(as_text=True)
    assert "ページを組版しています（12,000 件中 3,000 件）…" in page
    assert 'value="23"' in page  # 3,000 of 12,000 laid out: a quarter of 95 %
    assert "Laying out the pages: 3,000 of 12,000 consignees…" in client.get(
        f"{run_page}?lang=en").get_data(as_text=True)
