"""The page where a reviewer asks, and another approver decides, an exception for a
sub-consignee without its own current evaluation (chain_exceptions.py)."""

from flask import abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments.labels import EXCEPTION_STATUS_LABELS
from vendorrisk.auth.models import Role
from vendorrisk.auth.permissions import READERS, require_role
from vendorrisk.foundation.clock import parse_day, utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import perform
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.supervision import bp
from vendorrisk.supervision.chain_exceptions import (
    chain_exceptions,
    decide_chain_exception,
    request_chain_exception,
)
from vendorrisk.vendors.chain import standing_gap
from vendorrisk.vendors.models import SubConsignment
from vendorrisk.vendors.services.chain_checks import gap_sentence, standing

ASKERS = frozenset({Role.REVIEWER, Role.APPROVER})


def _page(link: SubConsignment) -> ResponseReturnValue:
    today = utcnow().date()
    gap = standing_gap(standing(link.vendor, link.sub_vendor, today), today)
    return render_template("supervision/chain_exception.html", link=link,
                           exceptions=chain_exceptions(link),
                           gap=gap and gap_sentence(gap, link.sub_vendor),
                           can_ask=current_user.has_role(*ASKERS),
                           can_decide=current_user.has_role(Role.APPROVER),
                           exception_labels=EXCEPTION_STATUS_LABELS)


def _act(link: SubConsignment, action, message: str) -> ResponseReturnValue:  # noqa: ANN001
    return perform(action, message=message, refused=lambda: _page(link),
                   redirect_to=url_for("supervision.chain_exception", link_id=link.id))


@bp.get("/sub-consignees/<int:link_id>/exception")
@require_role(*(ASKERS | READERS))
def chain_exception(link_id: int) -> ResponseReturnValue:
    return _page(db.get_or_404(SubConsignment, link_id))


@bp.post("/sub-consignees/<int:link_id>/exception")
@require_role(*ASKERS)
def chain_exception_ask(link_id: int) -> ResponseReturnValue:
    link = db.get_or_404(SubConsignment, link_id)
    return _act(link, lambda: request_chain_exception(
        link, rationale=request.form.get("rationale", ""),
        compensating_measures=request.form.get("compensating_measures", ""),
        expires_on=parse_day(request.form.get("expires_on")), actor=current_user,
        now=utcnow()), _("Exception asked for; another approver decides."))


@bp.post("/sub-consignees/<int:link_id>/exception/<int:exception_id>/decide")
@require_role(Role.APPROVER)
def chain_exception_decide(link_id: int, exception_id: int) -> ResponseReturnValue:
    link = db.get_or_404(SubConsignment, link_id)
    exception = child_or_404(RiskException, exception_id, vendor_id=link.vendor_id)
    decision = request.form.get("decision")
    if decision not in ("approve", "refuse"):
        abort(400, description=_("Choose one of the two buttons."))
    return _act(link, lambda: decide_chain_exception(
        link, exception, approve=decision == "approve", note=request.form.get("note", ""),
        actor=current_user, now=utcnow()),
        _("Exception approved.") if decision == "approve" else _("Exception refused."))
