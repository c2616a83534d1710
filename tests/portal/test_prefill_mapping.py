"""Which answers of a VSAQ export or a CAIQ workbook fill which questions (the mapping,
without the web)."""

import pytest

from tests.portal.imported_standard import IMPORTED, caiq_workbook
from tests.standards.conftest import write_standard
from vendorrisk.assessments.prefill import Filled, Unmapped, from_caiq, from_vsaq
from vendorrisk.assessments.prefill_files import CaiqRow, read_caiq, read_vsaq
from vendorrisk.standards.loader import read_definition

FLIPPED = IMPORTED + """\
      - id: app_debug
        type: single_choice
        required: false
        text: {en: "Is debug mode on in production?"}
        refs: {vsaq: [application_debug]}
        choices:
          - {id: "yes", label: {en: "Yes"}}
          - {id: "no", label: {en: "No"}}
        warnings:
          - {id: warn_debug, when: 'answers.app_debug == "yes"', severity: medium,
             name: {en: Debug mode in production}}
"""


@pytest.fixture
def definition(tmp_path):
    found, _data, problems = read_definition(write_standard(tmp_path, FLIPPED, "imported"))
    assert not problems, problems
    return found


def _row(question_id: str, answer: str, notes: str = "") -> CaiqRow:
    return CaiqRow(1, question_id, "", answer, notes)


def test_vsaq_checks_radios_and_flipped_yes_no(app, definition):
    with app.test_request_context():
        mapped = from_vsaq(definition, {
            "tools_scanner": "", "tools_fuzzer": "",  # a checkgroup left empty: an answer
            "application_ssl_none": "checked", "application_ssl_mixed": "",
            "application_debug": "checked",  # a check box: ticked is "yes"
            "application_vm_securitycontact": "",  # yes/no item never answered: unticked
        })
    assert sorted(mapped.filled, key=lambda filled: filled.question_id) == [
        Filled("app_contact", "no"), Filled("app_debug", "yes"),
        Filled("app_ssl", "application_ssl_none"), Filled("app_tools", [])]
    assert mapped.unmapped == ()


def test_vsaq_ids_match_in_any_case_and_unknown_ones_are_listed(app, definition):
    with app.test_request_context():
        mapped = from_vsaq(definition, {"Application_SSL_Mixed": "checked",
                                        "somewhere_else": "yes", "blank_elsewhere": ""})
    assert mapped.filled == (Filled("app_ssl", "application_ssl_mixed"),)
    assert mapped.unmapped == (Unmapped("somewhere_else", "no_question"),)


def test_caiq_no_wins_and_notes_become_the_comment(app, definition):
    mapped = from_caiq(definition, [_row("A&A-01.1", "yes", "Written."),
                                    _row("a&a-02.1", "yes"), _row("A&A-02.1", "no")])
    assert set(mapped.filled) == {Filled("app_contact", "yes", comment="Written."),
                                  Filled("app_review", 0)}  # maturity: Yes 2, No 0
    assert from_caiq(definition, [_row("A&A-02.1", "yes")]).filled == (
        Filled("app_review", 2),)


@pytest.mark.parametrize(("row", "reason"), [
    (_row("A&A-03.1", "na"), "na_unexplained"),
    (_row("A&A-01.1", "na", "Not offered."), "na_not_allowed"),
    (_row("A&A-02.1", "Partially"), "not_convertible"),
    (_row("A&A-04.1", "yes"), "file"),
    (_row("XYZ-09.9", "yes"), "no_question"),
])
def test_caiq_rows_that_fill_nothing_say_why(definition, row, reason):
    mapped = from_caiq(definition, [row])
    assert mapped.filled == ()
    assert [item.reason for item in mapped.unmapped] == [reason]


def test_a_caiq_workbook_is_found_below_its_titles_on_its_own_sheet(app):
    data = caiq_workbook([("A&A-01.1", "Audit policies?", "Yes", "Yearly."),
                          ("A&A-02.1", "Audits?", "n/a", ""),
                          ("A&A-03.1", "Not answered", "", "")], title_rows=5)
    with app.test_request_context():
        rows = read_caiq(data)
    assert [(row.question_id, row.answer, row.notes) for row in rows] == [
        ("A&A-01.1", "yes", "Yearly."), ("A&A-02.1", "na", "")]


def test_a_vsaq_export_reads_booleans_as_check_boxes(app):
    with app.test_request_context():
        assert read_vsaq(b'{"a": true, "b": false, "c": "yes", "d": 3}') == {
            "a": "checked", "b": "", "c": "yes"}
