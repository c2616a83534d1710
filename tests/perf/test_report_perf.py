"""Benchmark: the assessment report PDF of a 300-question assessment, against WeasyPrint
rendering a plain HTML table of the same content in the same run. Not part of the default
test run:

    .venv/bin/python -m pytest tests/perf/test_report_perf.py -s

Targets (issue 9): the report under 5 s; its time at most 1.3 × the plain table's (the
report's own work — context, template, page frame — costs little next to the layout).
The register PDF of 5,000 vendors is measured the same way (it renders in the
background, so only the ratio has a target).
"""

import io
import re
import resource
import time
import tracemalloc
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path

from flask import current_app
from pypdf import PdfReader

from tests.helpers import adopt_standards
from tests.perf.forked import in_fork
from tests.standards.conftest import write_standard
from tests.vendors.seeding import seed_vendors
from vendorrisk.assessments.models import Answer
from vendorrisk.assessments.services import create_assessment
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.pdf import html_to_pdf
from vendorrisk.foundation.printing import render_html, render_pdf
from vendorrisk.reports.assessment_report import assessment_report
from vendorrisk.reports.register import register_lines
from vendorrisk.standards.services import definition_of, load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.queries import RegisterFilters
from vendorrisk.vendors.services.contacts import add_contact

NOW = datetime(2027, 6, 1, 6, tzinfo=UTC)
SECTIONS, PER_SECTION = 10, 30  # 300 questions


def _standard() -> str:
    lines = ["slug: big", "version: 1", "title: {en: Big standard, ja: 大きな基準}",
             "use: selection", 'tiers: ["1", "2", "3"]', "scoring:",
             '  pass_marks: {"1": 80, "2": 70, "3": 60}', "  grade_a: 85",
             "  knockout_min: 2", "sections:"]
    for s in range(1, SECTIONS + 1):
        lines += [f"  - id: s{s}", f"    title: {{en: Section {s}, ja: セクション{s}}}",
                  "    questions:"]
        for q in range(1, PER_SECTION + 1):
            lines += [f"      - id: s{s}_q{q}", "        type: maturity", "        weight: 2",
                      f'        text: {{en: "Is control {s}.{q} in place and reviewed '
                      f'at least once a year by someone accountable?", ja: "管理策{s}.{q}は'
                      f'整備され、責任者が少なくとも年1回見直していますか。"}}']
    return "\n".join(lines) + "\n"


def _assessment(tmp_path: Path, make_vendor):  # noqa: ANN001, ANN202
    vendor = db.session.get(Vendor, make_vendor(legal_name="Benchmark K.K.").id)
    contact = add_contact(vendor, ContactInput(name="Ken Ito", email="ken@v.example.com"),
                          primary=True, actor=None, now=NOW)
    load_folder(write_standard(tmp_path / "q", _standard(), slug="big").parent.parent,
                actor=None, now=NOW)
    adopt_standards(now=NOW)
    assessment = create_assessment(vendor, kind="selection", version=None, version_reason="",
                                   due_on=date(2027, 6, 20), contacts=[contact], actor=None,
                                   now=NOW)
    for index, qid in enumerate(definition_of(assessment.standard_version).questions):
        assessment.answers.append(Answer(
            question_id=qid, value=index % 4, version=1, updated_at=NOW + timedelta(seconds=index),
            comment=f"Evidence held in the ISMS folder, item {index}." if index % 3 == 0
            else None))
    db.session.commit()
    return assessment


def _plain_table(report) -> str:  # noqa: ANN001
    """The report's text — section titles, question ids and texts, answers, comments,
    evidence, points — as one unstyled table: what WeasyPrint must lay out anyway."""
    rows = []
    for section in report.definition.sections:
        rows.append(f"<tr><th colspan=4>{escape(section.title.get('ja'))}</th></tr>")
        for question in section.questions:
            answer = report.answer(question.id) or {}
            score = report.score(question.id)
            files = " ".join(f"{escape(item['filename'])} sha256 {item['sha256']}"
                             for item in report.files(question.id))
            rows.append(f"<tr><td>{question.id} {escape(question.text.get('ja'))}</td>"
                        f"<td>{answer.get('value')} {escape(answer.get('comment') or '')} "
                        f"{files}</td><td>{score.get('points')} × {score.get('weight')}</td>"
                        "<td></td></tr>")
    return ('<html><body style="font-family: \'Noto Sans CJK JP\'; font-size: 9pt">'
            "<table><thead><tr><th>Question</th><th>Answer</th><th>Points</th>"
            f"<th>Review</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "</body></html>")


def _measure(work) -> tuple[float, float, bytes]:  # noqa: ANN001
    """Seconds of an untraced run, and the peak Python memory of a traced one (tracing
    slows WeasyPrint many times over, so it is not timed)."""
    started = time.perf_counter()
    data = work()
    seconds = time.perf_counter() - started
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak, data


def test_assessment_report_costs_little_more_than_a_plain_table(app, make_vendor, tmp_path):
    with app.test_request_context():
        assessment = _assessment(tmp_path, make_vendor)
        report = assessment_report(assessment)
        static = Path(current_app.static_folder)
        html_to_pdf("<p>warm up</p>", static_folder=static)  # fonts, once per process

        def full() -> bytes:
            return render_pdf("reports/assessment.html", language="ja", title="評価報告書",
                              now=NOW, report=assessment_report(assessment))

        def plain() -> bytes:
            return html_to_pdf(_plain_table(report), static_folder=static)

        plain_seconds, plain_peak, _ = _measure(plain)
        report_seconds, report_peak, data = _measure(full)
    ratio = report_seconds / plain_seconds
    print(f"\nassessment report, 300 questions (Japanese): {report_seconds:.2f} s, "
          f"peak {report_peak:.0f} MiB, {len(data) // 1024} KiB")
    print(f"plain table of the same content:             {plain_seconds:.2f} s, "
          f"peak {plain_peak:.0f} MiB")
    print(f"ratio {ratio:.2f} (target ≤ 1.3)")
    assert report_seconds < 5
    assert ratio <= 1.3


REGISTER_SIZE = 5000


def _plain_register(html: str) -> str:
    """The register's table with every cell's text as printed, and nothing else: no
    page frame, no styles, no column widths, no line breaks or spans inside cells."""
    table = html[html.index("<table"):html.rindex("</table>") + len("</table>")]
    table = re.sub(r"<(?!/?(?:table|thead|tbody|tr|td|th)\b)[^>]*>", " ", table)
    table = re.sub(r"<(table|thead|tbody|tr|td|th)\b[^>]*>", r"<\1>", table)
    return ('<html><head><style>@page { size: A4 landscape }</style></head>'
            '<body style="font-family: \'Noto Sans CJK JP\'; font-size: 9pt">'
            f"{table}</body></html>")


def _measure_in_child(work) -> tuple[float, float, int]:  # noqa: ANN001
    """Seconds, peak resident memory (MiB) and page count of ``work`` run in a forked
    child: tracing a 5,000-row layout would take many times as long as the layout, and
    a child's peak is its own, whatever ran before it in this process."""
    def child() -> tuple[float, float, int]:
        started = time.perf_counter()
        data = work()
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return seconds, peak, len(PdfReader(io.BytesIO(data)).pages)

    return in_fork(child, timeout=1800)


def test_register_pdf_costs_little_more_than_a_plain_table(app):
    with app.app_context():
        seed_vendors(REGISTER_SIZE)
        static = Path(current_app.static_folder)
        html_to_pdf("<p>warm up</p>", static_folder=static)
        options = {"today": NOW.date(), "home": "JP", "expiring_days": 60}
        page = {"template": "reports/register.html", "language": "ja",
                "title": "委託先管理台帳", "now": NOW, "filters": RegisterFilters()}
        html = render_html(**page, lines=list(register_lines(RegisterFilters(), **options)))
        assert html.count("<tr>") == REGISTER_SIZE + 1

        def full() -> bytes:  # what the background run does: read the rows, lay out
            return render_pdf(**page, lines=list(register_lines(RegisterFilters(), **options)))

        def plain() -> bytes:
            return html_to_pdf(_plain_register(html), static_folder=static)

        db.session.close()  # the children open their own connections
        plain_seconds, plain_peak, plain_pages = _measure_in_child(plain)
        report_seconds, report_peak, pages = _measure_in_child(full)
    ratio = report_seconds / plain_seconds
    print(f"\nregister PDF, {REGISTER_SIZE} vendors (Japanese): {report_seconds:.2f} s, "
          f"peak RSS {report_peak:.0f} MiB, {pages} pages")
    print(f"plain table of the same content:        {plain_seconds:.2f} s, "
          f"peak RSS {plain_peak:.0f} MiB, {plain_pages} pages")
    print(f"ratio {ratio:.2f} (target ≤ 1.3)")
    assert ratio <= 1.3
