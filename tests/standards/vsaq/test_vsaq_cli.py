"""``vendorrisk standards import-vsaq``: the published files as published, the
extension, the report, single language, the criteria mapping; then check and load."""

import shutil

import pytest
import yaml

from tests.standards.vsaq.vsaq_cases import DATA, PUBLISHED, slug_of
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.standards.loader import read_definition
from vendorrisk.standards.vsaq.mapping import RULES, default_criteria


def _import(runner, tmp_path, name, *extra):
    out = tmp_path / "out"
    result = runner.invoke(args=["standards", "import-vsaq", str(DATA / f"{name}.json"),
                                 "--slug", slug_of(name), "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.mark.parametrize("name", PUBLISHED)
def test_each_published_file_imports_checks_and_loads(app, runner, tmp_path, name):
    out, output = _import(runner, tmp_path, name)
    assert "0 items not converted" in output
    checked = runner.invoke(args=["standards", "check", "--folder", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "texts are not translated yet" in checked.output
    loaded = runner.invoke(args=["standards", "load", "--folder", str(out)])
    assert loaded.exit_code == 0, loaded.output
    assert "1 new versions stored" in loaded.output


def test_the_extension_template_is_inserted_and_reported(app, runner, tmp_path):
    report = tmp_path / "report.txt"
    out, output = _import(runner, tmp_path, "test_template", "--extension",
                          str(DATA / "test_template_extension.json"), "--language", "en",
                          "--report", str(report))
    definition, data, problems = read_definition(out / "test-template" / "v1.yaml", out)
    assert problems == []
    assert data["language"] == "en"
    assert "(未翻訳)" not in (out / "test-template" /
                                                          "v1.yaml").read_text()
    assert [s.title.en for s in definition.sections][:2] == [
        "Network section", "Questions specific to my company come here."]
    assert dict(definition.questions["mycompany_company_specific"].refs)["vsaq"] == (
        "mycompany:company_specific",)
    knockout = definition.questions["data_warning"].knockout
    assert knockout.condition_text == 'answers.data_warning == "yes"'
    text = report.read_text()
    assert text in output
    assert "line 31: data_warning: changed: a check becomes a yes/no question" in text
    assert "namespace makes its id mycompany:company_specific" in text
    checked = runner.invoke(args=["standards", "check", "--folder", str(out)])
    assert "not translated" not in checked.output
    assert runner.invoke(args=["standards", "load", "--folder", str(out)]).exit_code == 0


def test_the_criteria_mapping_is_proposed_and_an_edited_one_applied(runner, tmp_path):
    out, output = _import(runner, tmp_path, "physical_and_datacenter")
    mapping = out / "physical-and-datacenter" / "criteria-mapping.yaml"
    assert "criteria-mapping.yaml" in output
    text = mapping.read_text()
    assert "# Does your company review the physical and environmental risks" in text
    proposed = yaml.safe_load(text)
    assert "d3_handling_areas" in proposed["office_facilities_excl"]
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace("office_ra: [", "office_ra: [d1_internal_audit, "))
    shutil.rmtree(out)
    out, _output = _import(runner, tmp_path, "physical_and_datacenter", "--mapping",
                           str(edited))
    definition, _data, problems = read_definition(
        out / "physical-and-datacenter" / "v1.yaml", out)
    assert problems == []
    assert definition.questions["office_ra"].criteria[0] == "d1_internal_audit"


def test_a_syntax_error_names_the_line_of_the_original_file(runner, tmp_path):
    source = tmp_path / "broken.json"
    text = (DATA / "webapp.json").read_text()
    lines = text.splitlines()
    number = next(i for i, line in enumerate(lines) if line.rstrip().endswith('" +')) + 1
    lines[number] = lines[number].replace('"', "", 1)  # a string joined by + loses a quote
    source.write_text("\n".join(lines))
    result = runner.invoke(args=["standards", "import-vsaq", str(source), "--slug", "b",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"broken.json:{number + 1}:" in result.output


def test_a_mapping_naming_unknown_criteria_is_refused(runner, tmp_path):
    edited = tmp_path / "edited.yaml"
    edited.write_text("office_ra: [d3, d99_nothing]\nno_such_question: [d1]\n")
    result = runner.invoke(args=[
        "standards", "import-vsaq", str(DATA / "physical_and_datacenter.json"), "--slug",
        "p", "--out", str(tmp_path / "out"), "--mapping", str(edited)])
    assert result.exit_code == 1
    assert "office_ra: unknown criterion 'd99_nothing'" in result.output
    assert "no_such_question: no such question in this import" in result.output
    assert not (tmp_path / "out").exists()


def test_every_proposed_criterion_is_one_of_the_default_standard():
    known = default_criteria(questionnaires_folder())
    assert {criterion for _pattern, criterion in RULES} <= known
