"""Two-factor pages: enrolment with a QR code, recovery codes, turning it off, an
administrator's reset, and the gate that keeps a user who must enrol on the enrolment
page until they have.
"""

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.auth import bp
from vendorrisk.auth.factor_forms import CodeForm
from vendorrisk.auth.models import Role, User
from vendorrisk.auth.permissions import require_login, require_role
from vendorrisk.auth.second_factor import (
    begin_enrolment,
    confirm_enrolment,
    enrolled,
    enrolment_pending,
    enrolment_picture,
    recovery_codes_left,
    remove,
    renew_recovery_codes,
    required_for,
)
from vendorrisk.auth.sessions import end_sessions_of
from vendorrisk.auth.totp import unseal
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
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
    sealed = _sealed_secret()
    secret = unseal(sealed, str(current_app.config["SECRET_KEY"])) if sealed else None
    if secret is None:
        sealed, secret = begin_enrolment()
        session[_ENROLLING] = {"user": current_user.id, "sealed": sealed}
    uri, svg = enrolment_picture(current_user, secret)
    grouped = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    return render_template("auth/two_factor_enrol.html", form=form or CodeForm(), svg=svg,
                           secret=grouped, uri=uri,
                           required=required_for(current_user)), 400 if form else 200


@bp.get("/two-factor")
@require_login
def two_factor() -> ResponseReturnValue:
    if not enrolled(current_user):
        return _enrolment_page()
    return _status_page()


def _status_page() -> str:
    return render_template("auth/two_factor.html", left=recovery_codes_left(current_user),
                           required=required_for(current_user))


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


@bp.post("/two-factor/recovery-codes")
@require_login
def two_factor_codes() -> ResponseReturnValue:
    if not enrolled(current_user):
        return redirect(url_for("auth.two_factor"))
    codes = renew_recovery_codes(current_user, now=utcnow())
    db.session.commit()
    flash(_("New recovery codes made; the old ones no longer work."), "success")
    return render_template("auth/recovery_codes.html", codes=codes)


@bp.post("/two-factor/off")
@require_login
def two_factor_off() -> ResponseReturnValue:
    return perform(lambda: remove(current_user, actor=current_user, now=utcnow()),
                   message=_("Two-factor sign-in is off."),
                   redirect_to=url_for("auth.two_factor"), refused=_status_page)


@bp.post("/users/<int:user_id>/two-factor/reset")
@require_role(Role.ADMIN)
def user_two_factor_reset(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    if enrolled(user):
        remove(user, actor=current_user, now=utcnow())
        end_sessions_of(user, now=utcnow(), reason="two_factor_reset")
        db.session.commit()
    flash(_("Two-factor of %(email)s reset and their sessions ended: they set up an "
            "authenticator again at their next sign-in if their role requires it.",
            email=user.email), "success")
    return redirect(url_for("auth.user_edit", user_id=user.id))
