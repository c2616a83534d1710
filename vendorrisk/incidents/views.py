"""Staff pages for incidents: the list and its exports, recording one, the incident page
(evaluation, deadlines, timeline), correcting the report, the PPC reports made, closing,
the draft report for the PPC, and each vendor's standing link."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.audit.exports import recorded
from vendorrisk.audit.services import record
from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.downloads import pdf_response
from vendorrisk.foundation.exports import csv_download, xlsx_download
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import flash_form_errors, perform, submit
from vendorrisk.foundation.printing import render_pdf
from vendorrisk.incidents import bp
from vendorrisk.incidents.forms import (
    CloseForm,
    ReportedForm,
    StaffIncidentForm,
    UpdateForm,
    incident_input,
    japan_to_utc,
    utc_to_japan,
)
from vendorrisk.incidents.links import (
    incident_link_of,
    revoke_incident_link,
    send_incident_link,
)
from vendorrisk.incidents.models import NINE_ITEMS, Incident
from vendorrisk.incidents.permissions import (
    INCIDENT_HANDLERS,
    INCIDENT_READERS,
    INCIDENT_RECORDERS,
    sees_vendor,
)
from vendorrisk.incidents.queries import (
    INCIDENT_HEADERS,
    incident_rows,
    incidents_for,
    open_incident_count,
    reassessment_after,
)
from vendorrisk.incidents.services import (
    EDITABLE,
    add_update,
    close_incident,
    evaluation_of,
    mark_reported,
    notice_delay_of,
    report_incident,
    update_incident,
)
from vendorrisk.notifications.services import deliver_own
from vendorrisk.vendors.forms import LinkForm, chosen_contact
from vendorrisk.vendors.labels import pairs
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import DataCategory


def _vendor(vendor_id: int) -> Vendor:
    vendor = db.get_or_404(Vendor, vendor_id)
    if not sees_vendor(current_user, vendor):
        abort(404)  # procurement: another buyer's vendor is not there
    return vendor


def _incident(incident_id: int) -> Incident:
    incident = db.get_or_404(Incident, incident_id)
    _vendor(incident.vendor_id)
    return incident


@bp.get("/")
@require_role(*INCIDENT_READERS)
def index() -> ResponseReturnValue:
    status = request.args.get("status", "")
    page = db.paginate(incidents_for(current_user, status=status), per_page=50,
                       error_out=False)
    return render_template("incidents/index.html", page=page, status=status,
                           now=utcnow())


def _incident_rows():  # noqa: ANN202
    return incident_rows(incidents_for(current_user, status=request.args.get("status", "")))


@bp.get("/export.csv")
@require_role(*INCIDENT_READERS)
def export_csv() -> ResponseReturnValue:
    return csv_download("incidents", INCIDENT_HEADERS, _incident_rows(),
                        on_done=recorded("incidents", "csv"))


@bp.get("/export.xlsx")
@require_role(*INCIDENT_READERS)
def export_xlsx() -> ResponseReturnValue:
    return xlsx_download("incidents", INCIDENT_HEADERS, _incident_rows(), sheet="Incidents",
                         on_done=recorded("incidents", "xlsx"))


@bp.route("/new/<int:vendor_id>", methods=["GET", "POST"])
@require_role(*INCIDENT_RECORDERS)
def new(vendor_id: int) -> ResponseReturnValue:
    vendor = _vendor(vendor_id)
    form = StaffIncidentForm()
    del form.note  # nothing to say "what changed" about yet
    outcome = submit(form, lambda: report_incident(vendor, incident_input(form),
                                                   actor=current_user, now=utcnow()))
    if outcome.done:
        deliver_own(utcnow())
        flash(_("Incident recorded. The approvers have been told."), "success")
        return redirect(url_for("incidents.show", incident_id=outcome.value.id))
    return render_template("incidents/form.html", form=form, vendor=vendor, incident=None), (
        outcome.status if request.method == "POST" else 200)


@bp.get("/<int:incident_id>")
@require_role(*INCIDENT_READERS)
def show(incident_id: int) -> ResponseReturnValue:
    incident = _incident(incident_id)
    labels = StaffIncidentForm(meta={"csrf": False}, formdata=None)
    return render_template(
        "incidents/show.html", incident=incident, evaluation=evaluation_of(incident),
        late_by=notice_delay_of(incident),
        notice_hours=current_app.config["INCIDENT_CONSIGNEE_NOTICE_HOURS"],
        item_fields=[labels[name] for name in NINE_ITEMS],
        field_labels={item.name: item.label.text for item in labels},
        category_names=dict(pairs(DataCategory)),
        reassessment=reassessment_after(incident),
        now=utcnow(), update_form=UpdateForm(),
        reported_form=ReportedForm(), close_form=CloseForm(),
        can_record=current_user.has_role(*INCIDENT_RECORDERS),
        can_handle=current_user.has_role(*INCIDENT_HANDLERS))


@bp.route("/<int:incident_id>/edit", methods=["GET", "POST"])
@require_role(*INCIDENT_HANDLERS)
def edit(incident_id: int) -> ResponseReturnValue:
    incident = _incident(incident_id)
    form = StaffIncidentForm(data={name: utc_to_japan(value) if name.endswith("_at")
                                   else value for name in EDITABLE
                                   if (value := getattr(incident, name)) is not None}
                             if request.method == "GET" else None)
    outcome = submit(form, lambda: update_incident(
        incident, incident_input(form), note=form.note.data or "", actor=current_user,
        now=utcnow()))
    if outcome.done:
        deliver_own(utcnow())
        flash(_("Report updated.") if outcome.value else _("Nothing was changed."),
              "success" if outcome.value else "info")
        return redirect(url_for("incidents.show", incident_id=incident.id))
    return render_template("incidents/form.html", form=form, vendor=incident.vendor,
                           incident=incident), (
        outcome.status if request.method == "POST" else 200)


def _act(incident: Incident, action, message: str, anchor: str) -> ResponseReturnValue:  # noqa: ANN001
    return perform(action, message=message, refused=lambda: show(incident.id),
                   redirect_to=url_for("incidents.show", incident_id=incident.id,
                                       _anchor=anchor))


@bp.post("/<int:incident_id>/updates")
@require_role(*INCIDENT_RECORDERS)
def post_update(incident_id: int) -> ResponseReturnValue:
    incident = _incident(incident_id)
    form = UpdateForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return show(incident.id), 400
    return _act(incident, lambda: add_update(
        incident, form.body.data or "", actor=current_user, author_label="",
        shared=form.shared.data, now=utcnow()), _("Update added to the timeline."),
        "timeline")


@bp.post("/<int:incident_id>/reported")
@require_role(*INCIDENT_HANDLERS)
def reported(incident_id: int) -> ResponseReturnValue:
    incident = _incident(incident_id)
    form = ReportedForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return show(incident.id), 400
    return _act(incident, lambda: mark_reported(
        incident, form.which.data, reported_at=japan_to_utc(form.reported_at.data),
        actor=current_user, now=utcnow()), _("Report to the PPC recorded."), "deadlines")


@bp.post("/<int:incident_id>/close")
@require_role(*INCIDENT_HANDLERS)
def close(incident_id: int) -> ResponseReturnValue:
    incident = _incident(incident_id)
    form = CloseForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return show(incident.id), 400
    return _act(incident, lambda: close_incident(
        incident, note=form.note.data or "", actor=current_user, now=utcnow()),
        _("Incident closed."), "status")


@bp.get("/<int:incident_id>/report.pdf")
@require_role(*INCIDENT_READERS)
def regulator_draft(incident_id: int) -> ResponseReturnValue:
    """The draft of the report to the PPC, each heading in Japanese and English, the nine
    items filled in from the record, for the privacy officer to check and submit."""
    incident = _incident(incident_id)
    now = utcnow()
    # The headings are the form's own, in both languages; the record's words as written.
    data = render_pdf("incidents/regulator_report.html", language="ja",
                      title="個人情報の漏えい等の報告（下書き） / Personal data breach report "
                            "(draft)", now=now, incident=incident,
                      evaluation=evaluation_of(incident))
    record("report.incident_draft_downloaded", actor=current_user, object_type="incident",
           object_id=incident.id, now=now, details={})
    db.session.commit()
    return pdf_response(data, f"incident-{incident.id}-ppc-draft.pdf")


@bp.get("/vendors/<int:vendor_id>")
@require_role(*INCIDENT_READERS)
def vendor(vendor_id: int) -> ResponseReturnValue:
    """A vendor's incidents and its standing link."""
    item = _vendor(vendor_id)
    contact_form = LinkForm.for_vendor(item)
    incidents = db.session.scalars(incidents_for(current_user, vendor_id=item.id)).all()
    return render_template("incidents/vendor.html", vendor=item, incidents=incidents,
                           link=incident_link_of(item), contact_form=contact_form,
                           can_record=current_user.has_role(*INCIDENT_RECORDERS))


def _link_action(item: Vendor, action, message: str) -> ResponseReturnValue:  # noqa: ANN001
    return perform(action, message=message, refused=lambda: vendor(item.id),
                   redirect_to=url_for("incidents.vendor", vendor_id=item.id, _anchor="link"),
                   after=lambda: deliver_own(utcnow()))


@bp.post("/vendors/<int:vendor_id>/link")
@require_role(*INCIDENT_RECORDERS)
def send_link(vendor_id: int) -> ResponseReturnValue:
    item = _vendor(vendor_id)
    contact = chosen_contact(item.id)
    return _link_action(item, lambda: send_incident_link(item, contact, actor=current_user,
                                                         now=utcnow()),
                        _("Link sent to %(email)s; any earlier link no longer works.",
                          email=contact.email))


@bp.post("/vendors/<int:vendor_id>/link/revoke")
@require_role(*INCIDENT_RECORDERS)
def revoke_link(vendor_id: int) -> ResponseReturnValue:
    item = _vendor(vendor_id)
    return _link_action(item, lambda: revoke_incident_link(item, actor=current_user,
                                                           now=utcnow()),
                        _("Link withdrawn: it no longer opens."))


@bp.app_template_global("open_incidents")
def open_incidents(vendor: Vendor) -> int | None:
    """How many incidents of ``vendor`` are open (the vendor page flags them), or None
    for a user who may not see them (procurement that does not own the vendor)."""
    if not sees_vendor(current_user, vendor):
        return None
    return open_incident_count(vendor.id)
