"""A vendor's standing "report an incident" link: the same rules as a respondent's link
(a random 256-bit token whose hash alone is kept, an expiry, revocable, every use
audited, rate-limited), but one per vendor rather than per assessment."""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from vendorrisk.assessments.links import (
    LinkRevoked,
    find_resent_link,
    new_token,
    refuse_expired,
)
from vendorrisk.audit.services import record
from vendorrisk.auth.models import User
from vendorrisk.foundation.errors import Conflict, NotFound
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.locking import hold
from vendorrisk.incidents.models import IncidentLink
from vendorrisk.incidents.vocabulary import HOLDING
from vendorrisk.notifications.services import queue_email
from vendorrisk.vendors.models import Vendor, VendorContact


def incident_link_of(vendor: Vendor) -> IncidentLink | None:
    return db.session.scalar(select(IncidentLink).where(IncidentLink.vendor_id == vendor.id))


def incident_url(token: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/portal/incidents/{token}"


def send_incident_link(vendor: Vendor, contact: VendorContact, *, actor: User,
                       now: datetime) -> str:
    """E-mail ``contact`` the vendor's link (a new one: any earlier link stops working);
    return it."""
    if contact.vendor_id != vendor.id:
        raise NotFound(_("There is no such contact."))
    if vendor.status not in HOLDING:
        raise Conflict(_("Only approved vendors get an incident link."))
    hold(vendor)  # two sends at once: one after the other, the later link wins
    link = incident_link_of(vendor) or IncidentLink(vendor_id=vendor.id)
    token, link.token_hash = new_token()
    link.email, link.issued_at, link.issued_by_id = contact.email, now, actor.id
    link.expires_at = now + timedelta(days=int(current_app.config["INCIDENT_LINK_DAYS"]))
    link.revoked_at = None
    db.session.add(link)
    url = incident_url(token)
    queue_email("incident_link", recipient=contact.email, language=contact.language.value,
                context={"contact": contact, "vendor": vendor, "url": url, "link": link,
                         "company": current_app.config["COMPANY_NAME"]},
                object_type="vendor", object_id=vendor.id, now=now, sent_by_id=actor.id)
    db.session.flush()
    record("incident.link_sent", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"to": contact.email, "expires_at": link.expires_at.isoformat()})
    return url


def revoke_incident_link(vendor: Vendor, *, actor: User, now: datetime) -> None:
    link = incident_link_of(vendor)
    if link is None or link.token_hash is None:
        raise Conflict(_("There is no link to withdraw."))
    link.token_hash, link.revoked_at = None, now
    db.session.flush()
    record("incident.link_revoked", actor=actor, object_type="vendor", object_id=vendor.id,
           now=now, details={"to": link.email})


def resolve_incident_link(token: str, now: datetime, *, for_change: bool = False
                          ) -> IncidentLink:
    """The link of a live token; NotFound, LinkRevoked or LinkExpired otherwise."""
    link = find_resent_link(IncidentLink.token_hash, token, for_change=for_change)
    refuse_expired(link.expires_at, now)
    if link.vendor.status not in HOLDING:
        raise LinkRevoked(_("This link no longer works. Contact %(company)s directly.",
                            company=current_app.config["COMPANY_NAME"]))
    return link
