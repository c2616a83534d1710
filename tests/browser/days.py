"""What the role-day browser tests share: the cast (a buyer, a reviewer and an approver
who read the interface in the day's language, a vendor whose contact reads it too), the
state a role's day starts from (reached through the real services), the e-mails caught by
the test SMTP server read back by recipient, and the screenshots with their axe-core
check."""

import os
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from flask import Flask
from flask_babel import force_locale
from flask_babel import gettext as _
from playwright.sync_api import Browser, Page

from tests.browser.axe import Accessibility
from tests.browser.conftest import EXPECTED_CONSOLE
from tests.conftest import PASSWORD
from tests.helpers import adopt_standards
from tests.notifications.handoff_helpers import deliver
from tests.notifications.test_handoffs import _vendor
from tests.review.conftest import EVERY_TIER, submitted
from tests.standards.conftest import write_standard
from vendorrisk.assessments.models import Assessment
from vendorrisk.assessments.services import create_assessment, send_assessment
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.review.findings import record_finding
from vendorrisk.review.signoff import propose_decision, sign
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.services.contacts import add_contact

VIEWPORT = {"width": 1366, "height": 768}
OTHER_BROWSER = {"en": "ja-JP", "ja": "en-US"}  # the link's language must win over it


@dataclass
class Cast:
    language: str
    buyer: User
    reviewer: User
    approver: User
    contact: str  # the vendor contact's e-mail

    def vendor_name(self) -> str:
        return f"Day {self.language.upper()} K.K."


def cast_of(app: Flask, make_user, tmp_path: Path, language: str) -> Cast:  # noqa: ANN001
    with app.app_context():
        load_folder(write_standard(tmp_path / "every", EVERY_TIER).parent.parent, actor=None,
                    now=utcnow())
        adopt_standards(now=utcnow())
        db.session.commit()
    people = [make_user(role, language=language, email=f"{name}-{language}@example.com",
                        name=f"{name.title()} {language.upper()}")
              for role, name in ((Role.PROCUREMENT, "buyer"), (Role.REVIEWER, "reviewer"),
                                 (Role.APPROVER, "approver"))]
    return Cast(language, *people, contact=f"hana-{language}@vendor.example.com")


def registered_vendor(cast: Cast, make_vendor) -> int:  # noqa: ANN001
    """The vendor (owned by the buyer, contracts in place) with a contact in the language."""
    vendor = _vendor(make_vendor, owner=cast.buyer, legal_name=cast.vendor_name())
    add_contact(vendor, ContactInput(name="Hana Sato", email=cast.contact,
                                     language=cast.language), primary=True, actor=None,
                now=utcnow())
    db.session.commit()
    return vendor.id


def sent(cast: Cast, vendor_id: int) -> Assessment:
    vendor = db.session.get(Vendor, vendor_id)
    now = utcnow()
    assessment = create_assessment(vendor, kind="selection", version=None, version_reason="",
                                   due_on=(now + timedelta(days=14)).date(),
                                   contacts=vendor.contacts[:1],
                                   actor=db.session.merge(cast.buyer), now=now)
    send_assessment(assessment, actor=db.session.merge(cast.buyer), now=now)
    return assessment


def answered(cast: Cast, vendor_id: int) -> Assessment:
    return submitted(db.session.get(Vendor, vendor_id), db.session.merge(cast.buyer), utcnow())


def proposed_and_signed_by_reviewer(cast: Cast, assessment: Assessment) -> None:
    reviewer, now = db.session.merge(cast.reviewer), utcnow()
    record_finding(assessment, question_id=None, evidence_id=None, severity="high",
                   description="No data-loss prevention.", remediation="Deploy DLP.",
                   owner_id=None, due_on=(now + timedelta(days=30)).date(), actor=reviewer,
                   now=now)
    propose_decision(assessment, outcome="approve_with_conditions", rationale="Adequate.",
                     actor=reviewer, now=now)
    sign(assessment, stage="reviewer", actor=reviewer, now=now)


def in_language(app: Flask, language: str, message: str, **values: object) -> str:
    """``message`` as the catalogue words it in ``language``."""
    with app.test_request_context(), force_locale(language):
        return _(message, **values)


def delivered(smtp_server) -> list[EmailMessage]:  # noqa: ANN001
    return deliver(smtp_server)


def to(messages: list[EmailMessage], address: str) -> list[EmailMessage]:
    return [message for message in messages if str(message["To"]) == address]


class Day:
    """One role's day: numbered screenshots at 1366 px, each page checked by axe-core,
    and the console errors of every page the role opened."""

    def __init__(self, role: str, language: str, tmp_path: Path) -> None:
        self.folder = Path(os.environ.get("VENDORRISK_TEST_ARTIFACTS", tmp_path)) / "days" \
            / f"{role}-{language}"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.number = 0
        self.accessibility = Accessibility()
        self.console: list[str] = []

    def open(self, browser: Browser, language: str | None = None) -> Page:
        context = browser.new_context(viewport=VIEWPORT,
                                      locale=OTHER_BROWSER[language] if language else "en-US")
        page = context.new_page()
        page.on("console", lambda message: self.console.append(message.text)
                if message.type == "error" and EXPECTED_CONSOLE not in message.text else None)
        page.on("pageerror", lambda error: self.console.append(str(error)))
        return page

    def shot(self, page: Page, name: str) -> None:
        self.number += 1
        page.screenshot(path=str(self.folder / f"{self.number:02d}-{name}.png"),
                        full_page=True)
        self.accessibility.check(page, f"{self.folder.name}/{self.number:02d}-{name}")

    def finish(self) -> None:
        assert len(list(self.folder.glob("*.png"))) == self.number
        assert self.accessibility.blocking() == []
        assert self.console == []


def fill_tier1_vendor_form(page: Page, legal_name: str, contact_email: str) -> None:
    """On /vendors/new: a call centre holding customers' data in Japan whose severe
    criticality makes it tier 1, with its primary contact."""
    page.locator("#legal_name").fill(legal_name)
    page.locator("#classification").select_option("consignment")
    page.locator("#classification_reason").fill("Answers our customers' calls.")
    page.locator("#services").fill("Call centre")
    page.locator("#purpose").fill("Customer support")
    page.locator("input[name=categories][value=customer]").check()
    page.locator("#individuals").select_option("up_to_100000")
    page.locator("#access").select_option("bulk")
    page.locator("#criticality").select_option("severe")
    page.locator("#countries").select_option(["JP"])
    page.locator("#contact_name").fill("Hana Sato")
    page.locator("#contact_email").fill(contact_email)


def log_in_here(page: Page, email: str) -> None:
    """On the login page the app sent the person to: sign in and go on to where they were
    going."""
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("#main form button[type=submit]").click()
