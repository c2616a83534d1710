"""Demo data: enough to show every feature, loaded by ``vendorrisk demo``.

Loading is idempotent: what exists already is left as it is.
"""

from dataclasses import dataclass
from datetime import datetime

from vendorrisk.auth.models import Role
from vendorrisk.auth.services import create_user, find_user_by_email
from vendorrisk.contracts.demo import load_contract_demo
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.incidents.demo import load_incident_demo
from vendorrisk.notifications.services import deliver_pending
from vendorrisk.reports.demo import load_management_review_demo
from vendorrisk.requests.demo import load_request_demo
from vendorrisk.review.audit_demo import load_audit_demo
from vendorrisk.review.demo import demo_portal_link, load_assessment_demo
from vendorrisk.standards.governance_demo import load_governance_demo
from vendorrisk.standards.services import load_folder
from vendorrisk.supervision.demo import load_supervision_demo
from vendorrisk.supervision.runner import run_daily
from vendorrisk.vendors.demo import load_vendor_demo

DEMO_PASSWORD = "vendorrisk-demo"  # noqa: S105  (printed on purpose; demo only)

DEMO_USERS = [
    ("admin@example.com", "Aiko Admin", [Role.ADMIN], "en"),
    ("procurement@example.com", "Pat Procurement", [Role.PROCUREMENT], "en"),
    ("reviewer@example.com", "Rei Reviewer", [Role.REVIEWER], "ja"),
    ("approver@example.com", "Akira Approver", [Role.APPROVER], "ja"),
    ("auditor@example.com", "Audrey Auditor", [Role.AUDITOR], "en"),
    ("executive@example.com", "Emi Executive", [Role.EXECUTIVE], "ja"),
]


def load_demo_data(*, now: datetime) -> list[tuple[str, list[str], str]]:
    """Create the demo users; return each login e-mail with its roles and language."""
    for email, name, roles, language in DEMO_USERS:
        if find_user_by_email(email) is None:
            create_user(email=email, name=name, password=DEMO_PASSWORD, roles=roles,
                        language=language, actor=None, now=now)
    load_vendor_demo(now=now)
    load_folder(questionnaires_folder(), actor=None, now=now)
    # The demo approver approved and assigned them (a version loaded is only a draft).
    load_governance_demo(find_user_by_email("approver@example.com"), now=now)
    load_assessment_demo(now=now)
    load_contract_demo(now=now)
    load_audit_demo(now=now)
    load_supervision_demo(now=now)
    load_incident_demo(now=now)
    load_request_demo(now=now)
    db.session.commit()  # the summary the management review read is made of all of it
    load_management_review_demo(now=now)
    names = {"en": "English", "ja": "Japanese"}
    return [(email, [role.value for role in roles], names[language])
            for email, _, roles, language in DEMO_USERS]


@dataclass(frozen=True)
class Demo:
    """What ``vendorrisk demo`` prints: the logins and a live vendor link (or None)."""

    logins: list[tuple[str, list[str], str]]
    portal_link: str | None


def run_demo(*, now: datetime) -> Demo:
    """Everything ``vendorrisk demo`` does to a migrated database before it serves: the
    data, the first daily sweep (reminders, escalations, notices to see), a fresh vendor
    link, and the e-mails delivered. It commits as a command does (the sweep commits
    each job itself), so the demo crawl test seeds exactly what the demo shows."""
    logins = load_demo_data(now=now)
    db.session.commit()
    run_daily(now, started_by="demo")
    link = demo_portal_link(now=now)
    db.session.commit()
    deliver_pending(now)  # the demo's e-mails land as .eml files in the instance folder
    return Demo(logins=logins, portal_link=link)
