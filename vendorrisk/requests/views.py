"""Staff pages for individuals' requests: the list and its exports, recording one (the
consignees holding the data get their tasks), the request page with each consignee's
answer, sending a task to another contact, recording an answer given by telephone."""

from types import SimpleNamespace

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.audit.exports import recorded
from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.downloads import send_stored
from vendorrisk.foundation.exports import csv_download, xlsx_download
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import flash_form_errors, perform, submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.incidents import bp
from vendorrisk.notifications.services import deliver_own
from vendorrisk.requests.forms import AnswerForm, RequestForm, request_input, task_answer
from vendorrisk.requests.models import DataRequest, DataRequestTask
from vendorrisk.requests.permissions import REQUEST_HANDLERS, REQUEST_READERS
from vendorrisk.requests.queries import REQUEST_HEADERS, request_rows, requests_list
from vendorrisk.requests.services import answer_task, create_request, send_task
from vendorrisk.vendors.forms import chosen_contact
from vendorrisk.vendors.labels import pairs
from vendorrisk.vendors.vocabulary import DataCategory


@bp.get("/requests/")
@require_role(*REQUEST_READERS)
def requests_index() -> ResponseReturnValue:
    status = request.args.get("status", "")
    page = db.paginate(requests_list(status), per_page=50, error_out=False)
    return render_template("incidents/requests.html", page=page, status=status,
                           today=utcnow().date(), can_handle=current_user.has_role(
                               *REQUEST_HANDLERS))


def _request_rows():  # noqa: ANN202
    return request_rows(requests_list(request.args.get("status", "")))


@bp.get("/requests/export.csv")
@require_role(*REQUEST_READERS)
def requests_csv() -> ResponseReturnValue:
    return csv_download("requests", REQUEST_HEADERS, _request_rows(),
                        on_done=recorded("requests", "csv"))


@bp.get("/requests/export.xlsx")
@require_role(*REQUEST_READERS)
def requests_xlsx() -> ResponseReturnValue:
    return xlsx_download("requests", REQUEST_HEADERS, _request_rows(), sheet="Requests",
                         on_done=recorded("requests", "xlsx"))


@bp.route("/requests/new", methods=["GET", "POST"])
@require_role(*REQUEST_HANDLERS)
def new_request() -> ResponseReturnValue:
    form = RequestForm()
    outcome = submit(form, lambda: create_request(request_input(form), actor=current_user,
                                                  now=utcnow()))
    if outcome.done:
        deliver_own(utcnow())
        item = outcome.value
        flash(_("Request recorded and sent to %(count)d consignees.", count=sum(
            1 for task in item.tasks if task.sent_at)) if item.tasks else
            _("No consignee holds these kinds of data; the request is closed."), "success")
        return redirect(url_for("incidents.request_page", request_id=item.id))
    return render_template("incidents/request_form.html", form=form), (
        outcome.status if request.method == "POST" else 200)


@bp.get("/requests/<int:request_id>")
@require_role(*REQUEST_READERS)
def request_page(request_id: int) -> ResponseReturnValue:
    item = db.get_or_404(DataRequest, request_id)
    return render_template("incidents/request.html", item=item, today=utcnow().date(),
                           answer_form=AnswerForm(), category_names=dict(pairs(DataCategory)),
                           can_handle=current_user.has_role(*REQUEST_HANDLERS))


def _task(request_id: int, task_id: int) -> DataRequestTask:
    return child_or_404(DataRequestTask, task_id, request_id=request_id)


def _act(task: DataRequestTask, action, message: str) -> ResponseReturnValue:  # noqa: ANN001
    return perform(action, message=message, refused=lambda: request_page(task.request_id),
                   redirect_to=url_for("incidents.request_page", request_id=task.request_id,
                                       _anchor=f"task-{task.id}"),
                   after=lambda: deliver_own(utcnow()))


@bp.post("/requests/<int:request_id>/tasks/<int:task_id>/send")
@require_role(*REQUEST_HANDLERS)
def send_request_task(request_id: int, task_id: int) -> ResponseReturnValue:
    task = _task(request_id, task_id)
    contact = chosen_contact(task.vendor_id)
    return _act(task, lambda: send_task(task, contact, actor=current_user, now=utcnow()),
                _("Task sent to %(email)s; any earlier link no longer works.",
                  email=contact.email))


@bp.post("/requests/<int:request_id>/tasks/<int:task_id>/answer")
@require_role(*REQUEST_HANDLERS)
def record_answer(request_id: int, task_id: int) -> ResponseReturnValue:
    task = _task(request_id, task_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return request_page(request_id), 400
    return _act(task, lambda: answer_task(task, task_answer(form), actor=current_user,
                                          now=utcnow()), _("Answer recorded."))


@bp.get("/requests/<int:request_id>/tasks/<int:task_id>/evidence")
@require_role(*REQUEST_READERS)
def task_evidence(request_id: int, task_id: int) -> ResponseReturnValue:
    task = _task(request_id, task_id)
    if not task.evidence_sha256:
        abort(404)
    return send_stored(SimpleNamespace(sha256=task.evidence_sha256,
                                       filename=task.evidence_filename,
                                       content_type=task.evidence_content_type))
