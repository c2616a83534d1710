"""The management review's pages: the list with the actions still open, recording a
review, one review's record (its frozen summary, decisions, actions, follow-up)."""

from types import SimpleNamespace

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from wtforms import SelectChoice

from vendorrisk.auth.models import Role, User
from vendorrisk.auth.permissions import ALL_ROLES, require_role
from vendorrisk.foundation.clock import japan_time, utcnow
from vendorrisk.foundation.downloads import send_stored
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import flash_form_errors, perform, submit
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.reports import bp
from vendorrisk.reports.management import (
    close_action,
    open_actions,
    ready_summaries,
    record_review,
)
from vendorrisk.reports.management_forms import CloseActionForm, ReviewForm
from vendorrisk.reports.summary import recent_fiscal_years
from vendorrisk.supervision.review_models import ManagementReview, ReviewAction

RECORDERS = (Role.APPROVER, Role.EXECUTIVE)  # privacy officers and top management


def _may_record() -> bool:
    return current_user.has_role(*RECORDERS)


@bp.get("/management-reviews/")
@require_role(*ALL_ROLES)
def management_reviews() -> ResponseReturnValue:
    reviews = db.session.scalars(select(ManagementReview).order_by(
        ManagementReview.held_on.desc(), ManagementReview.id.desc())).all()
    return render_template("reports/management/index.html", reviews=reviews,
                           actions=open_actions(), today=utcnow().date(),
                           may_record=_may_record())


def _choices(form: ReviewForm) -> None:
    form.fiscal_year.choices = [SelectChoice(str(year), _(
        "%(year)d (%(first)s – %(last)s)", year=year, first=first.isoformat(),
        last=last.isoformat())) for year, first, last in recent_fiscal_years(utcnow().date())]
    form.summary_run_id.choices = [SelectChoice("", _("(choose)"))] + [
        SelectChoice(str(run.id), _("Fiscal year %(year)s, %(language)s, made %(when)s",
                                    year=run.params.get("year"),
                                    language=_("Japanese") if run.language == "ja"
                                    else _("English"), when=japan_time(run.finished_at)))
        for run in ready_summaries()]
    people = [SelectChoice("", _("(choose)"))] + [
        SelectChoice(str(user.id), user.name) for user in db.session.scalars(
            select(User).where(User.active).order_by(User.name))]
    for row in form.actions:
        row.owner_id.choices = people


@bp.route("/management-reviews/new", methods=["GET", "POST"])
@require_role(*RECORDERS)
def new_management_review() -> ResponseReturnValue:
    form = ReviewForm()
    _choices(form)
    outcome = submit(form, lambda: record_review(form.review_input(), actor=current_user,
                                                 now=utcnow()))
    if outcome.done:
        flash(_("The management review is recorded."), "success")
        return redirect(url_for("reports.management_review", review_id=outcome.value.id))
    status = outcome.status if form.is_submitted() else 200
    return render_template("reports/management/new.html", form=form), status


def _review_page(review_id: int) -> str:
    review = db.get_or_404(ManagementReview, review_id)
    return render_template("reports/management/show.html", review=review,
                           today=utcnow().date(), close_form=CloseActionForm(),
                           may_record=_may_record())


@bp.get("/management-reviews/<int:review_id>")
@require_role(*ALL_ROLES)
def management_review(review_id: int) -> ResponseReturnValue:
    return _review_page(review_id)


@bp.get("/management-reviews/<int:review_id>/summary")
@require_role(*ALL_ROLES)
def management_review_summary(review_id: int) -> ResponseReturnValue:
    review = db.get_or_404(ManagementReview, review_id)
    return send_stored(SimpleNamespace(sha256=review.summary_sha256,
                                       filename=review.summary_filename,
                                       content_type="application/pdf"))


@bp.post("/management-reviews/<int:review_id>/actions/<int:action_id>/close")
@require_role(*ALL_ROLES)
def close_management_action(review_id: int, action_id: int) -> ResponseReturnValue:
    action = child_or_404(ReviewAction, action_id, review_id=review_id)
    form = CloseActionForm()
    here = url_for("reports.management_review", review_id=review_id)
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(here)
    return perform(lambda: close_action(action, form.note.data or "", actor=current_user,
                                        may_close=_may_record(), now=utcnow()),
                   message=_("The action is closed."), redirect_to=here,
                   refused=lambda: _review_page(review_id))
