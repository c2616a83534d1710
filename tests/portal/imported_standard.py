"""A small standard shaped like an imported VSAQ questionnaire (single-language, with
subsections, warnings asking why, VSAQ and CAIQ references), and sending it to a vendor."""

import io
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from tests.helpers import adopt_standards
from tests.portal.conftest import create_and_send, csrf_of, link_in
from tests.standards.conftest import write_standard
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.models import StandardApproval, StandardVersion
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

IMPORTED = """\
slug: imported
version: 1
language: en
title: {en: Imported web application questionnaire}
use: selection
tiers: ["1", "2", "3"]
scoring:
  pass_marks: {"1": 0, "2": 0, "3": 0}
  grade_a: 85
  knockout_min: 2
sections:
  - id: app
    title: {en: Application}
    questions:
      - id: app_ssl
        type: single_choice
        weight: 3
        required: false
        subsection: {en: Transport security}
        text: {en: "How can users reach the application?\\n\\nRead [the TLS guide](https://example.com/tls)."}
        help: {en: "Pick the closest option."}
        refs: {vsaq: [application_ssl_exclusively, application_ssl_mixed, application_ssl_none]}
        choices:
          - {id: application_ssl_exclusively, label: {en: "HTTPS only"}}
          - {id: application_ssl_mixed, label: {en: "HTTP or HTTPS"}}
          - {id: application_ssl_none, label: {en: "HTTP only"}}
        warnings:
          - id: warn_ssl
            when: >-
              answers.app_ssl == "application_ssl_mixed"
              or answers.app_ssl == "application_ssl_none"
            severity: high
            name: {en: Unencrypted application traffic}
            why: {en: "If you have compensating controls, explain them."}
      - id: app_contact
        type: yes_no
        weight: 1
        required: false
        text: {en: "Can researchers report vulnerabilities?"}
        refs: {vsaq: [application_vm_securitycontact], caiq: ["A&A-01.1"]}
      - id: app_tools
        type: multi_choice
        subsection: {en: Tooling}
        text: {en: "Which tools do you use?"}
        refs: {vsaq: [tools_scanner, tools_fuzzer]}
        choices:
          - {id: tools_scanner, label: {en: "A scanner"}, score: 0}
          - {id: tools_fuzzer, label: {en: "A fuzzer"}, score: 0}
      - id: app_review
        type: maturity
        weight: 2
        required: false
        text: {en: "Is the code reviewed?"}
        refs: {caiq: ["A&A-02.1"]}
      - id: app_pentest
        type: yes_no
        weight: 1
        required: false
        na_allowed: true
        text: {en: "Is there a yearly penetration test?"}
        refs: {caiq: ["A&A-03.1"]}
      - id: app_notes
        type: text
        required: false
        text: {en: "Anything else?"}
        refs: {vsaq: [application_notes]}
      - id: app_report
        type: file
        required: false
        text: {en: "The last test report"}
        refs: {caiq: ["A&A-04.1"]}
"""

MARKED = """\
slug: marked
version: 1
title: {en: Marked questionnaire, ja: "(未翻訳) Marked questionnaire"}
use: selection
tiers: ["1", "2", "3"]
scoring:
  pass_marks: {"1": 0, "2": 0, "3": 0}
  grade_a: 85
  knockout_min: 2
sections:
  - id: s1
    title: {en: First, ja: "(未翻訳) First"}
    questions:
      - id: s1_policy
        type: yes_no
        weight: 1
        text: {en: "Is there a policy?", ja: "(未翻訳) Is there a policy?"}
"""


def send_standard(app, client, auth, make_vendor, smtp_server, tmp_path: Path,
                  text: str = IMPORTED, slug: str = "imported") -> tuple:
    """Load and adopt ``text``, send it to a new vendor: (vendor client, link, csrf data,
    assessment id). A standard with untranslated marks cannot be approved now: it is
    stored as approved before approval was required (no approver, no note)."""
    vendor = make_vendor(legal_name="Imported Test K.K.")
    with app.app_context():
        add_contact(db.session.get(Vendor, vendor.id), ContactInput(
            name="Hana Sato", email="hana@vendor.example.com", language="en"),
            primary=True, actor=None, now=utcnow())
        load_folder(write_standard(tmp_path / "q", text, slug=slug).parent.parent,
                    actor=None, now=utcnow())
        if "(未翻訳)" in text:
            for version in db.session.scalars(select(StandardVersion)):
                db.session.add(StandardApproval(version=version, approved_at=utcnow()))
            db.session.flush()
        adopt_standards()
        db.session.commit()
    assessment_id = create_and_send(client, auth, vendor)
    link = link_in(smtp_server.messages[-1])
    vendor_client = app.test_client()
    return vendor_client, link, {"csrf_token": csrf_of(vendor_client, link)}, assessment_id


def caiq_workbook(rows: list[tuple], *, title_rows: int = 2) -> bytes:
    """A workbook in the CAIQ v4 layout: title rows, then the header, then ``rows`` of
    (question id, question, answer, notes); an intro sheet comes first."""
    book = Workbook()
    book.active.title = "Introduction"
    book.active.append(["Consensus Assessments Initiative Questionnaire v4.0.2"])
    sheet = book.create_sheet("CAIQv4.0.2")
    for number in range(title_rows):
        sheet.append([f"Title line {number + 1}"])
    sheet.append(["Question ID", "Question", "CSP CAIQ Answer", "SSRM Control Ownership",
                  "CSP Implementation Description (Optional/Recommended)"])
    for question_id, question, answer, notes in rows:
        sheet.append([question_id, question, answer, "CSP-owned", notes])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(vendor_client, link: str, csrf: dict, data: bytes, filename: str):
    """Upload an answers file; the POST answers with a redirect (Post/Redirect/Get) and
    this returns the page it leads to."""
    posted = vendor_client.post(f"{link}/answers-file", data={
        **csrf, "section": "app", "answers_file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data")
    assert posted.status_code == 302, posted.status_code
    assert posted.location.startswith(f"{link}?section=app#"), posted.location
    return vendor_client.get(posted.location)
