"""Once an e-mail is out, no vendor link it carried stays readable anywhere in the
database: every kind of portal link (questionnaire, reminder, incident, request,
deletion) is sent, each is proved live from the received mail, then every text column
of every table is searched for anything the app's own link lookups accept."""

import json
import re
from datetime import timedelta

from sqlalchemy import JSON, String, select

from tests.conftest import VENDOR_BASE
from tests.supervision.conftest import approved_vendor, load_standards
from vendorrisk.assessments.links import find_by_token, resolve
from vendorrisk.assessments.services import create_assessment, remind, send_assessment
from vendorrisk.auth.models import Role, User
from vendorrisk.contracts.termination import (
    TerminationInput,
    record_termination,
    resolve_deletion_link,
    send_deletion_link,
)
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db
from vendorrisk.incidents.links import resolve_incident_link, send_incident_link
from vendorrisk.notifications.services import deliver_pending
from vendorrisk.requests.services import RequestInput, create_request, resolve_task_link

TOKEN = re.compile(r"[A-Za-z0-9_-]{20,}")  # what secrets.token_urlsafe makes, and more
PORTAL = re.compile(r"/portal/\S*?([A-Za-z0-9_-]{40,})")


def _lookups(now):  # noqa: ANN001, ANN202
    """Every way the app turns a token into a row: the link resolvers, and find_by_token
    on every column that stores a token's hash (so a new kind is not missed)."""
    found = [lambda token: resolve(token, now), lambda token: resolve_incident_link(token, now),
             lambda token: resolve_task_link(token, now),
             lambda token: resolve_deletion_link(token, now)]
    for mapper in db.Model.registry.mappers:
        for attribute in mapper.column_attrs:
            if attribute.key.endswith(("token_hash", "key_hash")):
                column = getattr(mapper.class_, attribute.key)
                found.append(lambda token, column=column: find_by_token(column, token))
    return found


def _live(token: str, lookups) -> bool:  # noqa: ANN001
    for lookup in lookups:
        try:
            lookup(token)
        except DomainError:
            continue
        return True
    return False


def _stored_strings() -> dict[str, set[str]]:
    """Every token-shaped string in any text or JSON column of any table, by column."""
    found: dict[str, set[str]] = {}
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, String | JSON):
                continue
            for value in db.session.scalars(select(column).where(column.is_not(None))):
                text = value if isinstance(value, str) else json.dumps(value)
                for candidate in TOKEN.findall(text):
                    found.setdefault(candidate, set()).add(f"{table.name}.{column.name}")
    return found


def _send_every_kind_of_link(staff_id: int) -> None:
    now = utcnow()
    staff = db.session.get(User, staff_id)
    load_standards(now.date() - timedelta(days=400))
    vendor = approved_vendor("Linked K.K.", "2", now.date() - timedelta(days=30))
    leaving = approved_vendor("Leaving K.K.", "2", now.date() - timedelta(days=30))
    assessment = create_assessment(vendor, kind="periodic", version=None, version_reason="",
                                   due_on=now.date() + timedelta(days=14),
                                   contacts=vendor.contacts, actor=staff, now=now)
    send_assessment(assessment, actor=staff, now=now)
    remind(assessment, actor=staff, now=now)
    send_incident_link(vendor, vendor.contacts[0], actor=staff, now=now)
    create_request(RequestInput(kind="deletion", reference="R-1", subject="Customer 4711",
                                details="", categories=tuple(VENDOR_BASE["categories"]),
                                received_on=now.date(), due_on=now.date()), actor=staff,
                   now=now)
    termination = record_termination(leaving, TerminationInput(
        terminated_on=now.date(), due_on=now.date() + timedelta(days=30), reason="Ended"),
        actor=staff, now=now)
    send_deletion_link(termination, leaving.contacts[0], actor=staff, now=now)
    db.session.commit()


def test_no_live_token_of_any_kind_stays_in_the_database_after_sending(
        app, make_user, smtp_server):
    staff = make_user(Role.PROCUREMENT, Role.REVIEWER, Role.APPROVER)
    with app.app_context():
        _send_every_kind_of_link(staff.id)
        report = deliver_pending(utcnow())
        assert report.delivered == len(smtp_server.messages) >= 5
        lookups = _lookups(utcnow())
        sent = {}
        for message in smtp_server.messages:
            text = message.get_body(preferencelist=("plain",)).get_content()
            sent.update({token: path for path, token in (
                (match.group(0), match.group(1)) for match in PORTAL.finditer(text))})
        live_kinds = {re.sub(r"/[A-Za-z0-9_-]{40,}.*", "/<token>", path)
                      for token, path in sent.items() if _live(token, lookups)}
        assert live_kinds == {"/portal/<token>", "/portal/incidents/<token>",
                              "/portal/requests/<token>", "/portal/deletion/<token>"}
        stored = _stored_strings()
        leaks = {candidate: sorted(columns) for candidate, columns in stored.items()
                 if _live(candidate, lookups)}
        assert leaks == {}
