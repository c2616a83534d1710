"""The file-format keys of issue 23: language, subsection, criteria, warnings, scored
gateways; each broken file names file, line and problem."""

import json

import jsonschema
import pytest
import yaml

from tests.standards.conftest import VALID, write_standard
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.standards.loader import check_folder, read_definition
from vendorrisk.standards.translation import untranslated

WARNED = VALID.replace(
    "      - id: d1_notes\n        type: text\n        required: false\n",
    "      - id: d1_notes\n        type: text\n        required: false\n"
    "        weight: 3\n"
    "        knockout: {when: 'answers.d1_notes == \"plain\"'}\n"
    "        subsection: {en: Free text, ja: 自由記述}\n"
    "        criteria: [d3, d4_access_control]\n"
    "        warnings:\n"
    "          - id: warn_notes_plain\n"
    "            when: answers.d1_notes == \"plain\"\n"
    "            severity: critical\n"
    "            name: {en: Plain notes, ja: 平文の備考}\n"
    "            advice: {en: Ask why., ja: 理由を確認してください。}\n"
    "            why: {en: Explain your controls., ja: 代替策を説明してください。}\n")
# Line of "        warnings:" in WARNED, and of the first warning's keys below it.
WARNINGS_LINE = WARNED.splitlines().index("        warnings:") + 1


def _load(folder, text):
    path = write_standard(folder, text)
    return read_definition(path, folder)


def _problems(folder, text):
    write_standard(folder, text)
    return [str(problem) for problem in check_folder(folder)]


def test_warnings_subsection_and_criteria_build(tmp_path):
    definition, _data, problems = _load(tmp_path, WARNED)
    assert problems == []
    notes = definition.questions["d1_notes"]
    (warning,) = notes.warnings
    assert (warning.id, warning.severity, warning.depends_on) == (
        "warn_notes_plain", "critical", ("d1_notes",))
    assert warning.name.ja == "平文の備考"
    assert warning.why.en == "Explain your controls."
    assert notes.weight == 3
    assert notes.knockout.kind == "when"
    assert notes.subsection.en == "Free text"
    assert notes.criteria == ("d3", "d4_access_control")


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t.replace("severity: critical", "severity: dire"),
     f":{WARNINGS_LINE + 3}: unknown severity 'dire'; severities are critical, high, "
     "medium, low"),
    (lambda t: t.replace('when: answers.d1_notes == "plain"', "when: answers.d1_nobody == 1"),
     f":{WARNINGS_LINE + 2}: condition: unknown question answers.d1_nobody"),
    (lambda t: t.replace('when: answers.d1_notes == "plain"', "when: answers.d1_notes > 2"),
     f":{WARNINGS_LINE + 2}: condition: '>' compares numbers, not string and number"),
    (lambda t: t.replace('when: answers.d1_notes == "plain"', "when: answers.d1_notes =="),
     f":{WARNINGS_LINE + 2}: condition 'answers.d1_notes ==': expected a value"),
    (lambda t: t.replace("id: warn_notes_plain", "id: d1_policy"),
     f":{WARNINGS_LINE + 1}: the id 'd1_policy' is already used on line 14"),
    (lambda t: t.replace("id: warn_notes_plain", "id: Warn-Plain"),
     f":{WARNINGS_LINE + 1}: the id 'Warn-Plain' uses lower-case letters, digits and _"),
    (lambda t: t.replace("            name: {en: Plain notes, ja: 平文の備考}\n", ""),
     f":{WARNINGS_LINE + 1}: 'name' is missing"),
    (lambda t: t.replace("advice: {en: Ask why., ja: 理由を確認してください。}",
                         "advice: {en: Ask why.}"),
     f":{WARNINGS_LINE + 5}: 'advice' has no Japanese text ('ja')"),
    (lambda t: t.replace("            why:", "            because:"),
     f":{WARNINGS_LINE + 6}: unknown key 'because' in a warning"),
    (lambda t: t.replace("criteria: [d3, d4_access_control]", "criteria: [d3, D-4]"),
     f":{WARNINGS_LINE - 1}: a criterion is an id such as d3 or d4_access_control, "
     "not 'D-4'"),
    (lambda t: t.replace("criteria: [d3, d4_access_control]", "criteria: [d3, d3]"),
     f":{WARNINGS_LINE - 1}: the criterion 'd3' appears twice"),
    (lambda t: t.replace("subsection: {en: Free text, ja: 自由記述}",
                         "subsection: {en: Free text}"),
     f":{WARNINGS_LINE - 2}: 'subsection' has no Japanese text ('ja')"),
    (lambda t: t.replace("        weight: 3\n        knockout: {when",
                         "        weight: 0\n        knockout: {when"),
     f":{WARNINGS_LINE - 3}: a knockout question is scored: give it a weight 1–3"),
], ids=["severity", "unknown-id", "type-mismatch", "syntax", "id-clash", "bad-id",
        "missing-name", "advice-half", "unknown-key", "bad-criterion", "twice-criterion",
        "subsection-half", "knockout-unscored"])
def test_broken_warning_keys_name_the_line(tmp_path, change, expected):
    problems = _problems(tmp_path, change(WARNED))
    assert any(p.startswith("mini/v1.yaml" + expected) for p in problems), problems


def test_warning_ids_are_unique_across_the_file(tmp_path):
    text = WARNED.replace(
        "        type: yes_no\n        text: {en: \"Do you re-consign?\"",
        "        type: yes_no\n        warnings:\n"
        "          - id: warn_notes_plain\n"
        "            when: answers.d1_uses_subs == \"yes\"\n"
        "            severity: low\n"
        "            name: {en: Re-consigns, ja: 再委託あり}\n"
        "        text: {en: \"Do you re-consign?\"")
    problems = _problems(tmp_path, text)
    second = WARNINGS_LINE + 6
    assert f"mini/v1.yaml:{second}: the id 'warn_notes_plain' is already used on line 27" \
        in problems


def test_a_weight_or_knockout_on_a_text_question_needs_warnings(tmp_path):
    text = WARNED.replace("        warnings:\n", "        old_warnings:\n")
    problems = _problems(tmp_path, text)
    line = WARNINGS_LINE - 4
    assert f"mini/v1.yaml:{line}: a text question is not scored (without warnings); " \
           "its weight is 0" in problems
    assert any(p.startswith(f"mini/v1.yaml:{line + 1}: a text question cannot be a knockout")
               for p in problems), problems


def test_a_display_condition_may_read_a_scored_answer(tmp_path):
    text = VALID.replace('condition: answers.d1_uses_subs == "yes"',
                         "condition: answers.d1_policy >= 1")
    definition, _data, problems = _load(tmp_path, text)
    assert problems == []
    assert definition.questions["d1_sub_approval"].depends_on == ("d1_policy",)


def test_a_scored_gateway_that_breaks_the_guarantee_is_refused_with_its_line(tmp_path):
    """Level 1 hides the question (counting 1 point), level 2 shows it unanswered (0)."""
    text = VALID.replace('condition: answers.d1_uses_subs == "yes"',
                         "condition: answers.d1_policy >= 2")
    line = text[:text.index("answers.d1_policy >= 2")].count("\n") + 1
    definition, _data, problems = _load(tmp_path, text)
    assert definition is None
    assert [str(p) for p in problems] == [
        f"mini/v1.yaml:{line}: scored gateway: this scored question is "
                        "hidden while d1_policy earns 1 points and shown on a better "
                        "answer to d1_policy: hide it only on answers worth 0 points "
                        "(hidden, it counts as its gateway's points)"]


def test_choices_of_a_question_with_warnings_need_no_score(tmp_path):
    text = VALID.replace(
        "          - {id: none, label: {en: None, ja: なし}, score: 0}\n",
        "          - {id: none, label: {en: None, ja: なし}}\n"
    ).replace("        knockout: tier1\n",
              "        knockout: tier1\n        warnings:\n"
              "          - {id: warn_none, when: 'answers.d1_encryption == \"none\"', "
              "severity: high, name: {en: No encryption, ja: 暗号化なし}}\n")
    definition, _data, problems = _load(tmp_path, text)
    assert problems == []
    assert definition.questions["d1_encryption"].choice("none").score == 0
    unwarned = _problems(tmp_path, VALID.replace(
        "          - {id: none, label: {en: None, ja: なし}, score: 0}\n",
        "          - {id: none, label: {en: None, ja: なし}}\n"))
    assert any(p.startswith("mini/v1.yaml:45: 'score' is missing") for p in unwarned), unwarned


SINGLE = VALID.replace("use: selection\n", "use: selection\nlanguage: en\n")


def test_a_single_language_standard_needs_texts_in_its_language_only(tmp_path):
    english_only = SINGLE.replace(', ja: "方針はありますか。"', "")
    definition, _data, problems = _load(tmp_path, english_only)
    assert problems == []
    assert definition.language == "en"
    policy = definition.questions["d1_policy"].text
    assert (policy.en, policy.ja) == ("Is there a policy?", "Is there a policy?")
    assert untranslated(definition) == []
    japanese = SINGLE.replace("language: en", "language: ja").replace(
        '{en: "Is there a policy?", ja: "方針はありますか。"}', '{ja: "方針はありますか。"}')
    definition, _data, problems = _load(tmp_path, japanese)
    assert problems == []
    assert definition.questions["d1_policy"].text.en == "方針はありますか。"


def test_a_single_language_standard_still_needs_its_language(tmp_path):
    problems = _problems(tmp_path, SINGLE.replace('{en: "Is there a policy?", ja:', "{ja:"))
    assert "mini/v1.yaml:19: 'text' has no English text ('en')" in problems
    problems = _problems(tmp_path, VALID.replace("use: selection\n",
                                                 "use: selection\nlanguage: fr\n"))
    assert any(p.startswith("mini/v1.yaml:5: the language is en or ja") for p in problems)


def test_untranslated_lists_where_marks_remain(tmp_path):
    text = WARNED.replace('ja: "方針はありますか。"', 'ja: "(未翻訳) Is there a policy?"') \
        .replace("ja: 電話", "ja: (未翻訳) Phone") \
        .replace("ja: 理由を確認してください。", "ja: (未翻訳) Ask why.")
    definition, _data, problems = _load(tmp_path, text)
    assert problems == []
    assert untranslated(definition) == [
        "d1_policy: text", "d1_channels: choice phone",
        "d1_notes: warning warn_notes_plain advice"]
    clean, _data, _problems_ = _load(tmp_path, WARNED)
    assert untranslated(clean) == []


def test_the_schema_takes_the_new_keys():
    schema = json.loads((questionnaires_folder() / "schema.json").read_text())
    jsonschema.validate(yaml.safe_load(WARNED), schema)
    jsonschema.validate(yaml.safe_load(SINGLE.replace(', ja: "方針はありますか。"', "")), schema)
    without_score = yaml.safe_load(VALID.replace(", score: 0}", "}"))
    with pytest.raises(jsonschema.ValidationError, match="'score' is a required property"):
        jsonschema.validate(without_score, schema)
