"""The assessment list's rows: only what it shows, as plain rows (ORM objects for 200
rows cost ten times the page's own work, measured)."""

from datetime import date

from sqlalchemy import Row, select

from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.overdue import questionnaire_overdue
from vendorrisk.foundation.extensions import db
from vendorrisk.standards.models import StandardVersion
from vendorrisk.vendors.models import Vendor


def assessment_rows(*, overdue: bool, today: date, locale: str, limit: int = 200) -> list[Row]:
    """Newest first, or with ``overdue`` only questionnaires past due, oldest due first:
    id, status, due_on, legal_name, standard (its title in ``locale``), version."""
    standard = StandardVersion.title_ja if locale == "ja" else StandardVersion.title_en
    statement = select(Assessment.id, Assessment.status, Assessment.due_on, Vendor.legal_name,
                       standard.label("standard"), StandardVersion.version).join(
        Vendor, Vendor.id == Assessment.vendor_id).join(
        StandardVersion, StandardVersion.id == Assessment.standard_version_id)
    if overdue:
        statement = statement.where(*questionnaire_overdue(today)).order_by(
            Assessment.due_on, Assessment.id)
    else:
        statement = statement.order_by(Assessment.id.desc())
    return list(db.session.execute(statement.limit(limit)).all())
