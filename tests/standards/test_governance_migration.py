"""Migration 0022 keeps an upgraded install sending what it sent: every stored version is
approved as in use before approval was required, and each use and tier is assigned the
version that was offered until then (the highest version number)."""

import json
from datetime import UTC, datetime

from flask_migrate import upgrade
from sqlalchemy import select, text

from tests.conftest import app_config
from tests.test_migrations import empty_database_url  # noqa: F401  (a fixture)
from vendorrisk import create_app
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.governance import assigned_version, is_approved
from vendorrisk.standards.models import StandardApproval, StandardAssignment, StandardVersion

ROWS = [("consignee-selection", 1, "selection", ["1", "2"]),
        ("consignee-selection", 2, "selection", ["1", "2"]),
        ("consignee-light", 1, "selection", ["3", "out_of_scope"]),
        ("handling-status-report", 1, "handling_status_report", ["1", "2"])]


def test_stored_versions_are_adopted(tmp_path, empty_database_url):  # noqa: F811
    app = create_app(app_config(tmp_path, DATABASE_URL=empty_database_url))
    loaded = datetime(2026, 4, 1, 9, tzinfo=UTC)
    with app.app_context():
        upgrade(revision="0021_suspended_unassessed")
        for slug, version, use, tiers in ROWS:
            db.session.execute(text(
                "INSERT INTO standard_versions (slug, version, checksum, snapshot, title_en, "
                "title_ja, use, tiers, source_file, loaded_at) VALUES (:slug, :version, "
                ":checksum, '{}', :slug, :slug, :use, :tiers, 'f.yaml', :loaded)"),
                {"slug": slug, "version": version, "checksum": f"{slug}{version}", "use": use,
                 "tiers": json.dumps(tiers), "loaded": loaded})
        db.session.commit()
        upgrade()
        approvals = db.session.scalars(select(StandardApproval)).all()
        assert len(approvals) == 4
        assert {(item.approved_by_id, item.note) for item in approvals} == {(None, None)}
        assert all(is_approved(version)
                   for version in db.session.scalars(select(StandardVersion)))
        offered = {(use, tier): (found.slug, found.version) for use, tier in [
            ("selection", "1"), ("selection", "2"), ("selection", "3"),
            ("selection", "out_of_scope"), ("handling_status_report", "1")]
            if (found := assigned_version(use, tier, "consignment"))}
        assert offered == {
            ("selection", "1"): ("consignee-selection", 2),
            ("selection", "2"): ("consignee-selection", 2),
            ("selection", "3"): ("consignee-light", 1),
            ("selection", "out_of_scope"): ("consignee-light", 1),
            ("handling_status_report", "1"): ("handling-status-report", 1)}
        assignments = db.session.scalars(select(StandardAssignment)).all()
        assert len(assignments) == 6
        assert {(item.assigned_by_id, item.reason, item.classification, item.ended_at)
                for item in assignments} == {(None, None, None, None)}
        db.session.remove()
        db.engine.dispose()
