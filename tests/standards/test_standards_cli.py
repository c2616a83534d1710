"""``vendorrisk standards check|load|import-vsaq`` and the read-only pages."""

from sqlalchemy import func, select

from tests.helpers import adopt_standards, page_text
from tests.standards.conftest import VALID, write_standard
from vendorrisk.audit.models import AuditEvent
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.models import StandardVersion


def _versions(app) -> list[tuple[str, int]]:
    with app.app_context():
        return [(v.slug, v.version) for v in db.session.scalars(
            select(StandardVersion).order_by(StandardVersion.slug, StandardVersion.version))]


def test_check_passes_on_the_shipped_files(runner):
    result = runner.invoke(args=["standards", "check"])
    assert result.exit_code == 0, result.output
    assert "standard files are valid." in result.output


def test_check_names_each_problem_and_fails(runner, tmp_path):
    write_standard(tmp_path, VALID.replace("type: yes_no", "type: maybe"))
    result = runner.invoke(args=["standards", "check", "--folder", str(tmp_path)])
    assert result.exit_code == 1
    assert "mini/v1.yaml:25: unknown type 'maybe'" in result.output
    assert "1 problems in 1 files." in result.output


def test_load_stores_each_version_once_and_audits_it(app, runner, standards_folder):
    first = runner.invoke(args=["standards", "load", "--folder", str(standards_folder)])
    assert first.exit_code == 0, first.output
    assert "1 new versions stored, 0 already stored." in first.output
    assert "New versions are drafts: an approver approves each one" in first.output
    again = runner.invoke(args=["standards", "load", "--folder", str(standards_folder)])
    assert "0 new versions stored, 1 already stored." in again.output
    assert _versions(app) == [("mini", 1)]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "standard.version_loaded")) == 1


def test_a_changed_file_under_a_stored_version_is_refused(app, runner, standards_folder):
    runner.invoke(args=["standards", "load", "--folder", str(standards_folder)])
    write_standard(standards_folder, VALID.replace("Mini standard", "Mini standard, edited"))
    write_standard(standards_folder, VALID.replace("slug: mini", "slug: other"), slug="other")
    result = runner.invoke(args=["standards", "load", "--folder", str(standards_folder)])
    assert result.exit_code == 1
    assert "mini version 1 is already stored with other content" in result.output
    assert "copy the file to v2.yaml" in result.output
    assert "nothing was stored" in result.output
    assert _versions(app) == [("mini", 1)]


def test_formatting_and_comments_are_not_a_change(app, runner, standards_folder):
    runner.invoke(args=["standards", "load", "--folder", str(standards_folder)])
    write_standard(standards_folder, "# a comment\n" + VALID.replace("knockout_min: 2",
                                                                    "knockout_min:   2"))
    result = runner.invoke(args=["standards", "load", "--folder", str(standards_folder)])
    assert result.exit_code == 0, result.output


def test_a_new_version_is_stored_beside_the_old(app, runner, standards_folder):
    runner.invoke(args=["standards", "load", "--folder", str(standards_folder)])
    write_standard(standards_folder, VALID.replace("version: 1", "version: 2"), version=2)
    runner.invoke(args=["standards", "load", "--folder", str(standards_folder)])
    assert _versions(app) == [("mini", 1), ("mini", 2)]


def test_pages_list_versions_and_show_one_in_either_language(app, client, auth, runner):
    runner.invoke(args=["standards", "load"])
    auth.login_as(Role.AUDITOR)
    listing = page_text(client.get("/standards/"))
    assert "consignee-selection" in listing
    assert "Draft" in listing
    assert "Approved" not in listing
    assert 'href="/standards/assignments"' in client.get("/standards/").text
    with app.app_context():
        adopt_standards()
        db.session.commit()
    listing = page_text(client.get("/standards/"))
    assert "Approved" in listing
    assert "Draft" not in listing
    english = page_text(client.get("/standards/consignee-selection/v1?text=en"))
    japanese = page_text(client.get("/standards/consignee-selection/v1?text=ja"))
    assert "Organizational" in english
    assert "組織的" in japanese
    assert client.get("/standards/consignee-selection/v9").status_code == 404


def test_vsaq_import_refuses_what_is_not_vsaq(runner, tmp_path):
    source = tmp_path / "x.json"
    source.write_text('{"hello": 1}')
    result = runner.invoke(args=["standards", "import-vsaq", str(source), "--slug", "x",
                                 "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a VSAQ questionnaire: no 'questionnaire' list" in result.output


def test_check_warns_about_untranslated_texts_but_passes(runner, tmp_path):
    write_standard(tmp_path, VALID.replace("ja: ", "ja: (未翻訳) ", 1))
    result = runner.invoke(args=["standards", "check", "--folder", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "mini/v1.yaml: warning: 1 texts are not translated yet" in result.output
