"""Helpers the tests share (fixtures live in conftest.py)."""

import html
import re
from datetime import datetime
from typing import Any

from sqlalchemy import select

from vendorrisk.auth.models import Role, RoleGrant, User
from vendorrisk.foundation.clock import add_months, utcnow
from vendorrisk.foundation.config import Config
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.fiscal import fiscal_year_of
from vendorrisk.standards.governance import (
    approve,
    assign,
    current_assignment,
    is_approved,
)
from vendorrisk.standards.models import StandardVersion


def table_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove that a refused request changed nothing."""
    return {
        table.name: sorted(map(tuple, db.session.execute(select(table)).all()), key=repr)
        for table in db.metadata.sorted_tables
    }


def page_text(response: Any) -> str:
    """The visible text of an HTML response, tags removed and spaces folded."""
    text = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return re.sub(r"\s+", " ", html.unescape(text))


def adopt_standards(now: datetime | None = None) -> None:
    """Approve every stored version and assign, per use and tier, the newest approved one
    (what "highest version" meant before issue 23), as an approver: the first there is,
    else a deactivated "Standards approver" made here (so no notice goes to it). The
    assignments are not due for review in any test's lifetime, so no reminder interferes.
    Flushes; the caller commits."""
    now = now or utcnow()
    approver = db.session.scalar(select(User).join(RoleGrant).where(
        RoleGrant.role == Role.APPROVER).order_by(User.active.desc(), User.id))
    if approver is None:
        approver = User(email="standards.approver@example.com", name="Standards approver",
                        password_hash="!", created_at=now, active=False,
                        role_grants=[RoleGrant(role=Role.APPROVER)])
        db.session.add(approver)
        db.session.flush()
    versions = db.session.scalars(select(StandardVersion).order_by(
        StandardVersion.version.desc(), StandardVersion.id.desc())).all()
    chosen: dict[tuple[str, str], StandardVersion] = {}
    for version in versions:
        if not is_approved(version):
            approve(version, actor=approver, note="Adopted for the tests.", now=now)
        for tier in version.tiers:
            chosen.setdefault((version.use, tier), version)
    for (use, tier), version in chosen.items():
        current = current_assignment(use, tier, None)
        if current is None or current.version_id != version.id:
            assign(version, tier=tier, actor=approver, reason="Adopted for the tests.",
                   now=now, review_by=add_months(now.date(), 12 * 100))


def fiscal_year_now() -> int:
    """The fiscal year of today under the default setting (April to March)."""
    return fiscal_year_of(utcnow().date(), Config.FISCAL_YEAR_START_MONTH)
