"""The vendor's incident pages, reached by its standing link (no account): report an
incident, follow the ones reported, add to their timeline; and the page where a
consignee confirms what it did for an individual's request. A link shows its own
vendor's incidents, or its own task, and nothing else. Every use is audited."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf import FlaskForm

from vendorrisk.audit.services import record
from vendorrisk.edges.portal import bp
from vendorrisk.edges.portal.views import portal_limits
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import show_on_form
from vendorrisk.incidents.forms import IncidentForm, UpdateForm, incident_input
from vendorrisk.incidents.links import resolve_incident_link
from vendorrisk.incidents.models import Incident, IncidentLink
from vendorrisk.incidents.queries import vendor_incidents
from vendorrisk.incidents.services import add_update, report_incident
from vendorrisk.notifications.services import deliver_own
from vendorrisk.requests.forms import AnswerForm, task_answer
from vendorrisk.requests.services import answer_task, resolve_task_link


def _log(action: str, object_type: str, object_id: int, **details: object) -> None:
    record(action, actor=None, actor_label="vendor link", object_type=object_type,
           object_id=object_id, now=utcnow(),
           details={"ip": request.remote_addr,
                    "user_agent": request.user_agent.string[:300], **details})


def _link(token: str) -> IncidentLink:
    link = resolve_incident_link(token, utcnow(), for_change=request.method == "POST")
    _log("incident.link_used", "vendor", link.vendor_id, page=request.endpoint,
         method=request.method)
    return link


def _own(link: IncidentLink, incident_id: int) -> Incident:
    """One of the link's vendor's incidents; 404 for anyone else's (as for none)."""
    incident = db.session.get(Incident, incident_id)
    if incident is None or incident.vendor_id != link.vendor_id:
        abort(404)
    return incident


def _flash_expired(form: FlaskForm) -> None:
    """A field's own message shows by the field; an expired form's only here."""
    for message in form.errors.get("csrf_token", []):
        flash(str(message), "danger")


def _refused(error: DomainError, form: object) -> None:
    db.session.rollback()
    show_on_form(form, error)


@bp.route("/incidents/<token>", methods=["GET", "POST"])
@portal_limits
def incidents(token: str) -> ResponseReturnValue:
    link = _link(token)
    form = IncidentForm()
    status = 200
    if form.validate_on_submit():
        try:
            incident = report_incident(link.vendor, incident_input(form), actor=None,
                                       now=utcnow())
        except DomainError as error:
            _refused(error, form)
            link = _link(token)  # the rollback took the use's log with it
            status = error.status_code
        else:
            db.session.commit()
            deliver_own(utcnow())
            flash(_("Thank you: your report has reached us (number %(id)d). Add what you "
                    "learn below as it comes.", id=incident.id), "success")
            return redirect(url_for("portal.incident", token=token, incident_id=incident.id))
    elif request.method == "POST":
        _flash_expired(form)
        status = 400
    db.session.commit()
    return render_template("portal/incidents.html", token=token, link=link,
                           vendor=link.vendor, form=form,
                           incidents=vendor_incidents(link.vendor_id)), status


@bp.route("/incidents/<token>/<int:incident_id>", methods=["GET", "POST"])
@portal_limits
def incident(token: str, incident_id: int) -> ResponseReturnValue:
    link = _link(token)
    item = _own(link, incident_id)
    form = UpdateForm()
    status = 200
    if form.validate_on_submit():
        try:
            add_update(item, form.body.data or "", actor=None,
                       author_label=form.author.data or "", shared=True, now=utcnow())
        except DomainError as error:
            _refused(error, form)
            link, item = _link(token), _own(link, incident_id)
            status = error.status_code
        else:
            db.session.commit()
            flash(_("Thank you: your update has been added."), "success")
            return redirect(url_for("portal.incident", token=token, incident_id=item.id))
    elif request.method == "POST":
        _flash_expired(form)
        status = 400
    db.session.commit()
    return render_template("portal/incident.html", token=token, vendor=link.vendor,
                           incident=item, form=form,
                           timeline=[entry for entry in item.updates if entry.shared]), status


@bp.route("/requests/<token>", methods=["GET", "POST"])
@portal_limits
def request_task(token: str) -> ResponseReturnValue:
    now = utcnow()
    task = resolve_task_link(token, now, for_change=request.method == "POST")
    _log("data_request.link_used", "data_request", task.request_id, task_id=task.id,
         method=request.method)
    form = AnswerForm()
    status = 200
    if form.validate_on_submit():
        try:
            answer_task(task, task_answer(form), actor=None, now=now)
        except DomainError as error:
            _refused(error, form)
            task = resolve_task_link(token, now)
            _log("data_request.link_refused", "data_request", task.request_id,
                 task_id=task.id, reason=error.message)
            status = error.status_code
        else:
            db.session.commit()
            flash(_("Thank you: your confirmation has been received."), "success")
            return redirect(url_for("portal.request_task", token=token))
    elif request.method == "POST":
        _flash_expired(form)
        status = 400
    db.session.commit()
    return render_template("portal/request.html", token=token, task=task,
                           vendor=task.vendor, item=task.request, form=form), status
