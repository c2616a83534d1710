"""Contract pages: the register with its exports, a contract with its clause checklist
and documents, creating, editing and (after retention) deleting one."""

from datetime import date

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.audit.exports import recorded
from vendorrisk.auth.permissions import require_role
from vendorrisk.contracts import bp
from vendorrisk.contracts.clauses import MANDATORY, RECOMMENDED, Coverage
from vendorrisk.contracts.export import EXPORT_COLUMNS, export_rows
from vendorrisk.contracts.forms import ContractForm, DocumentForm, ProvisionForm, StorageForm
from vendorrisk.contracts.labels import CLAUSE_LABELS, coverage_text
from vendorrisk.contracts.models import (
    WITH_CHECKLIST,
    Contract,
    ContractDocument,
    ContractType,
)
from vendorrisk.contracts.permissions import CONTRACT_EDITORS, CONTRACT_READERS
from vendorrisk.contracts.queries import (
    EXPIRY_WINDOWS,
    ContractFilters,
    VendorContracts,
    contract_row,
    register_rows,
    vendor_contracts,
)
from vendorrisk.contracts.renewal import pending_review
from vendorrisk.contracts.services import (
    ContractInput,
    add_document,
    create_contract,
    delete_contract,
    deletion_refused,
    set_clauses,
    update_contract,
)
from vendorrisk.contracts.status import ContractStatus
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.downloads import send_stored
from vendorrisk.foundation.exports import csv_download, xlsx_download
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import flash_form_errors, perform, submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.foundation.routing import query_int
from vendorrisk.vendors.labels import pairs
from vendorrisk.vendors.models import Vendor

PER_PAGE = 50


def expiring_days() -> int:
    return int(current_app.config["CONTRACT_EXPIRING_DAYS"])


def can_edit() -> bool:
    return current_user.has_role(*CONTRACT_EDITORS)


@bp.get("/")
@require_role(*CONTRACT_READERS)
def index() -> ResponseReturnValue:
    filters = ContractFilters.from_args(request.args)
    rows = register_rows(filters, utcnow().date(), expiring_days=expiring_days())
    pages = max((len(rows) + PER_PAGE - 1) // PER_PAGE, 1)
    page = min(query_int("page", 1, minimum=1), pages)
    return render_template(
        "contracts/index.html", rows=rows[(page - 1) * PER_PAGE:page * PER_PAGE],
        total=len(rows), page=page, pages=pages, filters=filters,
        types=pairs(ContractType), statuses=pairs(ContractStatus), windows=EXPIRY_WINDOWS)


def _export_rows():  # noqa: ANN202
    filters = ContractFilters.from_args(request.args)
    return export_rows(register_rows(filters, utcnow().date(), expiring_days=expiring_days()))


@bp.get("/export.csv")
@require_role(*CONTRACT_READERS)
def export_csv() -> ResponseReturnValue:
    return csv_download("contract-register", EXPORT_COLUMNS, _export_rows(),
                        on_done=recorded("contract-register", "csv"))


@bp.get("/export.xlsx")
@require_role(*CONTRACT_READERS)
def export_xlsx() -> ResponseReturnValue:
    return xlsx_download("contract-register", EXPORT_COLUMNS, _export_rows(),
                         sheet="contracts", on_done=recorded("contract-register", "xlsx"))


def _input(form: ContractForm) -> ContractInput:
    return ContractInput(
        type=form.type.data or "", title=form.title.data or "",
        reference=form.reference.data or "",
        counterparty_signatory=form.counterparty_signatory.data or "",
        signed_on=form.signed_on.data, effective_from=form.effective_from.data,
        effective_to=form.effective_to.data, auto_renewal=bool(form.auto_renewal.data),
        notice_days=form.notice_days.data, notice_given_on=form.notice_given_on.data,
        retention_until=form.retention_until.data)


@bp.route("/new/<int:vendor_id>", methods=["GET", "POST"])
@require_role(*CONTRACT_EDITORS)
def new(vendor_id: int) -> ResponseReturnValue:
    vendor = db.get_or_404(Vendor, vendor_id)
    form = ContractForm(type=request.args.get("type", ContractType.CONSIGNMENT_CONTRACT.value))
    outcome = submit(form, lambda: create_contract(vendor, _input(form), actor=current_user,
                                                   now=utcnow()))
    if outcome.done:
        flash(_("Contract recorded. Tick its clauses and upload the signed document."),
              "success")
        return redirect(url_for("contracts.show", contract_id=outcome.value.id))
    return render_template("contracts/form.html", form=form, vendor=vendor, contract=None), (
        outcome.status if request.method == "POST" else 200)


@bp.route("/<int:contract_id>/edit", methods=["GET", "POST"])
@require_role(*CONTRACT_EDITORS)
def edit(contract_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    form = ContractForm(obj=contract if request.method == "GET" else None)
    if request.method == "GET":
        form.type.data = contract.type.value
    outcome = submit(form, lambda: update_contract(contract, _input(form), actor=current_user,
                                                   now=utcnow()))
    if outcome.done:
        flash(_("Contract saved.") if outcome.value else _("Nothing changed."), "success")
        return redirect(url_for("contracts.show", contract_id=contract.id))
    return render_template("contracts/form.html", form=form, vendor=contract.vendor,
                           contract=contract), (outcome.status if request.method == "POST"
                                                else 200)


@bp.get("/<int:contract_id>")
@require_role(*CONTRACT_READERS)
def show(contract_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    today = utcnow().date()
    return render_template(
        "contracts/show.html", contract=contract, today=today,
        row=contract_row(contract, today, expiring_days=expiring_days()),
        references={clause.clause_key: clause.reference for clause in contract.clauses},
        mandatory=MANDATORY, recommended=RECOMMENDED, clause_labels=CLAUSE_LABELS,
        has_checklist=contract.type in WITH_CHECKLIST,
        document_form=DocumentForm(), can_edit=can_edit(),
        deletion_refused=deletion_refused(contract, today),
        reconfirm=pending_review(contract),
        storage_form=StorageForm(obj=contract, technical_measure=_value(
            contract.technical_measure)),
        provision_form=ProvisionForm(basis=_value(contract.provision_basis),
                                     basis_reference=contract.basis_reference,
                                     provision_record=contract.provision_record))


def _value(member: object) -> str:
    return getattr(member, "value", "") or ""


def _act(contract: Contract, action, message, anchor: str) -> ResponseReturnValue:  # noqa: ANN001
    return perform(action, message=message, refused=lambda: show(contract.id),
                   redirect_to=url_for("contracts.show", contract_id=contract.id,
                                       _anchor=anchor))


@bp.post("/<int:contract_id>/clauses")
@require_role(*CONTRACT_EDITORS)
def clauses(contract_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    references = {clause.key: request.form.get(f"clause-{clause.key}", "")
                  for clause in MANDATORY + RECOMMENDED}
    return _act(contract, lambda: set_clauses(contract, references, actor=current_user,
                                              now=utcnow()),
                lambda coverage: _("Clause checklist saved: %(coverage)s.",
                                   coverage=coverage_text(coverage)), "checklist")


@bp.post("/<int:contract_id>/documents")
@require_role(*CONTRACT_EDITORS)
def upload(contract_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    form = DocumentForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return show(contract.id), 400
    upload_file = form.file.data
    return _act(contract, lambda: add_document(
        contract, filename=upload_file.filename or "document", data=upload_file.read(),
        note=form.note.data or "", actor=current_user, now=utcnow()),
        _("New version of the signed document kept; earlier versions are unchanged."),
        "documents")


@bp.get("/<int:contract_id>/documents/<int:document_id>")
@require_role(*CONTRACT_READERS)
def download(contract_id: int, document_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    return send_stored(child_or_404(ContractDocument, document_id, contract_id=contract.id))


@bp.post("/<int:contract_id>/delete")
@require_role(*CONTRACT_EDITORS)
def delete(contract_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    return perform(lambda: delete_contract(contract, actor=current_user, now=utcnow()),
                   message=_("Contract deleted: its retention period was over."),
                   refused=lambda: show(contract.id),
                   redirect_to=url_for("vendors.show", vendor_id=contract.vendor_id,
                                       _anchor="contracts"))


@bp.app_template_global("vendor_contracts")
def vendor_contracts_global(vendor: Vendor, today: date) -> VendorContracts:
    """The contracts part of the vendor page."""
    return vendor_contracts(vendor, today, expiring_days=expiring_days())


@bp.app_template_filter("coverage")
def coverage_filter(coverage: Coverage) -> str:
    """``{{ row.coverage|coverage }}``: "mandatory 7/8: missing (e) …" in the page's
    language."""
    return coverage_text(coverage)
