"""Contract page actions beyond the checklist (issue 22): the storage-only confirmation,
the third-party provision's ground and record, and confirming the clause checklist again
after a renewal."""

from flask import request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import require_role
from vendorrisk.contracts import bp
from vendorrisk.contracts.basis import (
    ProvisionInput,
    StorageInput,
    confirm_storage_only,
    record_provision_basis,
)
from vendorrisk.contracts.models import Contract
from vendorrisk.contracts.permissions import CONTRACT_EDITORS
from vendorrisk.contracts.renewal import confirm_checklist
from vendorrisk.contracts.views import show
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import perform


def _done(contract: Contract, action, message: str, anchor: str) -> ResponseReturnValue:  # noqa: ANN001
    return perform(action, message=message, refused=lambda: show(contract.id),
                   redirect_to=url_for("contracts.show", contract_id=contract.id,
                                       _anchor=anchor))


@bp.post("/<int:contract_id>/storage-only")
@require_role(*CONTRACT_EDITORS)
def storage_only(contract_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    data = StorageInput(request.form.get("no_handling_reference", ""),
                        request.form.get("technical_measure", ""),
                        request.form.get("technical_note", ""))
    return _done(contract, lambda: confirm_storage_only(contract, data, actor=current_user,
                                                        now=utcnow()),
                 _("The confirmation that the provider does not handle the data is recorded."),
                 "basis")


@bp.post("/<int:contract_id>/provision")
@require_role(*CONTRACT_EDITORS)
def provision(contract_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    data = ProvisionInput(request.form.get("basis", ""),
                          request.form.get("basis_reference", ""),
                          request.form.get("provision_record", ""))
    return _done(contract, lambda: record_provision_basis(contract, data, actor=current_user,
                                                          now=utcnow()),
                 _("The ground of the provision and its record are recorded."), "basis")


@bp.post("/<int:contract_id>/reconfirm")
@require_role(Role.PROCUREMENT, Role.REVIEWER, Role.APPROVER)
def reconfirm(contract_id: int) -> ResponseReturnValue:
    contract = db.get_or_404(Contract, contract_id)
    return _done(contract, lambda: confirm_checklist(contract, actor=current_user, now=utcnow()),
                 _("The clause checklist is confirmed again after the renewal."), "checklist")
