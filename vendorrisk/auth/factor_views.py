"""Two-factor pages: enrolment with a QR code, recovery codes, turning it off, an
administrator's reset, and the gate that keeps a user who must enrol on the enrolment
page until they have.
"""

from collections.abc import Callable

from flask import flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.auth import bp
from vendorrisk.auth.factor_forms import CodeForm
from vendorrisk.auth.models import Role, User
from vendorrisk.auth.permissions import require_login, require_role
from vendorrisk.auth.second_factor import (
    check_code,
    confirm_enrolment,
    enrolled,
    enrolment_pending,
    enrolment_picture,
    enrolment_secret,
    recovery_codes_left,
    remove,
    renew_recovery_codes,
    required_for,
)
from vendorrisk.auth.signin import code_limit
from vendorrisk.auth.totp import grouped
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db, limiter
from vendorrisk.foundation.formerrors import perform, submit

_ENROLLING = "totp_enrolling"  # the sealed secret being set up, until a code confirms it
# What a user who must enrol can still open: the enrolment itself, signing out, files.
OPEN_WHILE_ENROLLING = frozenset({
    "auth.two_factor", "auth.two_factor_confirm", "auth.logout", "static",
    "bootstrap.static"})


@bp.before_app_request
def _enrol_first() -> ResponseReturnValue | None:
    """A user whose role requires two-factor does nothing else until they enrol."""
    if request.endpoint in OPEN_WHILE_ENROLLING or request.endpoint is None:
        return None
    if current_user.is_authenticated and enrolment_pending(current_user):
        return redirect(url_for("auth.two_factor"), 303)
    return None


@bp.app_context_processor
def _enrolment_flag() -> dict[str, bool]:
    """The top bar offers nothing a user who must enrol could open."""
    return {"enrolment_pending": bool(current_user and current_user.is_authenticated
                                      and enrolment_pending(current_user))}


def _sealed_secret() -> str | None:
    """The secret being set up, if this user began it (a cookie from a shared browser or
    another person's holds another user's, or a secret someone else has seen)."""
    enrolling = session.get(_ENROLLING)
    if isinstance(enrolling, dict) and enrolling.get("user") == current_user.id:
        return enrolling.get("sealed")
    return None


def _enrolment_page(form: CodeForm | None = None) -> ResponseReturnValue:
    sealed, secret = enrolment_secret(_sealed_secret())
    session[_ENROLLING] = {"user": current_user.id, "sealed": sealed}
    uri, svg = enrolment_picture(current_user, secret)
    return render_template("auth/two_factor_enrol.html", form=form or CodeForm(), svg=svg,
                           secret=grouped(secret), uri=uri,
                           required=required_for(current_user)), 400 if form else 200


@bp.get("/two-factor")
@require_login
def two_factor() -> ResponseReturnValue:
    if not enrolled(current_user):
        return _enrolment_page()
    return _status_page()


def _status_page(form: CodeForm | None = None) -> str:
    return render_template("auth/two_factor.html", left=recovery_codes_left(current_user),
                           required=required_for(current_user), form=form or CodeForm())


@bp.post("/two-factor")
@require_login
def two_factor_confirm() -> ResponseReturnValue:
    if enrolled(current_user):
        return redirect(url_for("auth.two_factor"))
    form = CodeForm()
    sealed = _sealed_secret() or ""
    outcome = submit(form, lambda: confirm_enrolment(
        current_user, sealed, form.code.data or "", now=utcnow(),
        keep_session=current_user.session_key))
    if not outcome.done:
        return _enrolment_page(form)
    session.pop(_ENROLLING, None)
    flash(_("Two-factor sign-in is on. From now on you give a code from your app after "
            "your password or company sign-in."), "success")
    return render_template("auth/recovery_codes.html", codes=outcome.value)


def _own_code_key() -> str:
    return f"second-factor:{current_user.id}"  # the same count as signing in


def _with_a_fresh_code(action: Callable[[], ResponseReturnValue]) -> ResponseReturnValue:
    """Run ``action`` once a code from the app (or a recovery code) proves that whoever
    holds this session holds the authenticator too: a session left open cannot make
    itself new recovery codes or turn the second factor off."""
    if not enrolled(current_user):
        return redirect(url_for("auth.two_factor"))
    form = CodeForm()
    if form.validate_on_submit() and check_code(current_user, form.code.data or "",
                                                now=utcnow()):
        return action()
    db.session.commit()  # a wrong code counts towards the lock
    if form.code.data:
        form.code.errors = [_("That code is not right, or it was used already. Codes change "
                              "every 30 seconds; each works once.")]
    return _status_page(form), 400


@bp.post("/two-factor/recovery-codes")
@require_login
@limiter.limit(code_limit, key_func=_own_code_key)
def two_factor_codes() -> ResponseReturnValue:
    def renew() -> ResponseReturnValue:
        codes = renew_recovery_codes(current_user, now=utcnow())
        db.session.commit()
        flash(_("New recovery codes made; the old ones no longer work."), "success")
        return render_template("auth/recovery_codes.html", codes=codes)
    return _with_a_fresh_code(renew)


@bp.post("/two-factor/off")
@require_login
@limiter.limit(code_limit, key_func=_own_code_key)
def two_factor_off() -> ResponseReturnValue:
    return _with_a_fresh_code(lambda: perform(
        lambda: remove(current_user, actor=current_user, now=utcnow()),
        message=_("Two-factor sign-in is off."), redirect_to=url_for("auth.two_factor"),
        refused=_status_page))


@bp.post("/users/<int:user_id>/two-factor/reset")
@require_role(Role.ADMIN)
def user_two_factor_reset(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    if enrolled(user):
        remove(user, actor=current_user, now=utcnow())
        db.session.commit()
    flash(_("Two-factor of %(email)s reset and their sessions ended: they set up an "
            "authenticator again at their next sign-in if their role requires it.",
            email=user.email), "success")
    return redirect(url_for("auth.user_edit", user_id=user.id))
