"""Loading standard files: valid files build, broken ones name file, line and problem."""

import json

import jsonschema
import pytest
import yaml

from tests.standards.conftest import VALID, write_standard
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.standards.loader import check_folder, definition_files, read_definition


def _problems(folder, text):
    write_standard(folder, text)
    return [str(problem) for problem in check_folder(folder)]


def test_valid_file_builds(standards_folder):
    definition, data, problems = read_definition(standards_folder / "mini" / "v1.yaml",
                                                 standards_folder)
    assert problems == []
    assert list(definition.questions)[:2] == ["d1_policy", "d1_training"]
    assert definition.questions["d1_sub_approval"].condition_text == 'answers.d1_uses_subs == "yes"'
    assert data["slug"] == "mini"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t.replace("      - id: d1_training\n        type: maturity",
                         "      - id: d1_training\n        type: maturity\n      oops: [",
                         1),
     "mini/v1.yaml:21: not valid YAML"),
    (lambda t: t.replace("type: yes_no", "type: yes_or_no"),
     "mini/v1.yaml:25: unknown type 'yes_or_no'"),
    (lambda t: t.replace("id: d1_training", "id: d1_policy"),
     "mini/v1.yaml:19: the id 'd1_policy' is already used on line 14"),
    (lambda t: t.replace('answers.d1_uses_subs == "yes"', 'answers.d1_nobody == "yes"'),
     "mini/v1.yaml:30: condition: unknown question answers.d1_nobody"),
    (lambda t: t.replace('ja: "教育はありますか。"', 'jp: "教育はありますか。"'),
     "mini/v1.yaml:23: 'text' has no Japanese text ('ja')"),
    (lambda t: t.replace("knockout: always", "knockout: sometimes"),
     "mini/v1.yaml:17: knockout is 'always', 'tier1' or {when: <condition>}"),
    (lambda t: t.replace("weight: 3\n        na_allowed", "weight: 7\n        na_allowed"),
     "mini/v1.yaml:21: the weight is 0 to 3"),
    (lambda t: t.replace('profile.abroad', 'profile.abroad and'),
     "mini/v1.yaml:31: condition 'profile.abroad and': expected a value"),
    (lambda t: t.replace("  grade_a: 85\n", ""), "mini/v1.yaml:6: 'grade_a' is missing"),
    (lambda t: t.replace("version: 1", "version: 2"),
     "mini/v1.yaml:1: the file must be mini/v2.yaml for this slug and version"),
    (lambda t: t.replace("        text: {en: Notes, ja: 備考}",
                         "        text: {en: Notes, ja: 備考}\n        weight: 2"),
     "mini/v1.yaml:53: a text question is not scored (without warnings); its weight is 0"),
    (lambda t: t.replace("title: {en: Mini standard, ja: ミニ基準}",
                         "title: {en: Mini standard, ja: ミニ基準}\ntitle: {en: x, ja: y}"),
     "mini/v1.yaml:4: the key 'title' appears twice"),
    (lambda t: t.replace("        knockout: always\n",
                         "        knockout: always\n        evidence: {valid_until: d1_notes}\n"),
     "mini/v1.yaml:18: valid_until names d1_notes, a text question; it must name a date "
     "question"),
    (lambda t: t.replace("        knockout: always\n",
                         "        knockout: always\n        evidence: {valid_to: d1_notes}\n"),
     "mini/v1.yaml:18: unknown key 'valid_to' in evidence"),
], ids=["bad-yaml", "unknown-type", "duplicate-id", "unknown-id-in-condition",
        "missing-japanese", "bad-knockout", "bad-weight",
        "condition-syntax", "missing-key", "misplaced-file", "weighted-text", "duplicate-key",
        "validity-not-a-date", "unknown-evidence-key"])
def test_broken_files_name_file_line_and_problem(tmp_path, change, expected):
    problems = _problems(tmp_path, change(VALID))
    assert any(problem.startswith(expected) for problem in problems), problems


def test_circular_conditions_are_named(tmp_path):
    text = VALID.replace(
        "      - id: d1_uses_subs\n        type: yes_no\n",
        "      - id: d1_uses_subs\n        type: yes_no\n"
        '        condition: answers.d1_other == "yes"\n',
    ).replace(
        "      - id: d1_sub_approval\n",
        "      - id: d1_other\n        type: yes_no\n"
        '        condition: answers.d1_uses_subs == "yes"\n'
        "        text: {en: Other, ja: ほか}\n"
        "      - id: d1_sub_approval\n")
    problems = _problems(tmp_path, text)
    assert any("circular conditions: d1_other → d1_uses_subs → d1_other" in p
               for p in problems), problems


def test_non_utf8_file_is_named(tmp_path):
    path = tmp_path / "mini" / "v1.yaml"
    path.parent.mkdir(parents=True)
    path.write_bytes(VALID.encode("cp932"))
    assert [str(p) for p in check_folder(tmp_path)] == ["mini/v1.yaml: the file is not UTF-8 text"]


SHIPPED = definition_files(questionnaires_folder())


def test_the_shipped_standards_are_there():
    assert {path.parent.name for path in SHIPPED} >= {
        "consignee-selection", "consignee-light", "handling-status-report",
        "annual-confirmation"}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.parent.name)
def test_each_shipped_file_loads_and_matches_the_schema(path):
    definition, data, problems = read_definition(path, questionnaires_folder())
    assert problems == []
    schema = json.loads((questionnaires_folder() / "schema.json").read_text())
    jsonschema.validate(yaml.safe_load(path.read_text()), schema)
    assert definition.slug == path.parent.name
