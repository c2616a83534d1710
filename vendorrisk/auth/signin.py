"""The end of every sign-in, by password or through a company identity provider: the
second factor when the user has one, then the session.

The first factor passed leaves only a short-lived note in the (signed) cookie; the
session starts, and ``user.login`` is audited, once the code from the authenticator
app (or a recovery code) is given.
"""

import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from vendorrisk.auth import bp
from vendorrisk.auth.factor_forms import CodeForm
from vendorrisk.auth.models import User
from vendorrisk.auth.second_factor import (
    check_code,
    enrolled,
    enrolment_pending,
    locked,
    record_wrong_code,
)
from vendorrisk.auth.sessions import log_out, sign_in
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db, limiter

PENDING = "second_factor"
PENDING_SECONDS = 300  # the code must follow the first factor within five minutes


def complete(user: User, *, method: str, provider: str | None = None,
             target: str) -> ResponseReturnValue:
    """The first factor passed: ask for the second, or start the session."""
    if enrolled(user):
        session[PENDING] = {"user": user.id, "method": method, "provider": provider,
                            "next": target, "at": int(time.time())}
        db.session.commit()  # a password rehashed on the way (auth/services.authenticate)
        return redirect(url_for("auth.login_code"))
    return _establish(user, method=method, provider=provider, second=None, target=target)


# What one sign-in leaves in the browser's cookie, cleared when the next starts or ends:
# a secret half set up or a sign-in half done must not pass to whoever uses it next.
SIGN_IN_KEYS = (PENDING, "totp_enrolling", "sso_next", "sso_link")


def forget_sign_in_state() -> None:
    for key in SIGN_IN_KEYS:
        session.pop(key, None)


def sign_out() -> None:
    """This browser is signed out: Flask-Login forgets the user, the cookie what this
    sign-in left (the session row is ended by the caller)."""
    logout_user()
    forget_sign_in_state()


def _establish(user: User, *, method: str, provider: str | None, second: str | None,
               target: str) -> ResponseReturnValue:
    now = utcnow()
    forget_sign_in_state()
    if current_user.is_authenticated:  # finished in a tab signed in already: that one ends
        log_out(current_user, now=now)
    sign_in(user, method=method, provider=provider, second_factor=second, now=now,
            address=request.remote_addr, user_agent=request.user_agent.string)
    db.session.commit()
    session.permanent = False  # the server ends it (auth/sessions.py)
    login_user(user)
    if enrolment_pending(user):  # the enrolment page says why
        return redirect(url_for("auth.two_factor"))
    return redirect(target)


def _pending() -> dict | None:
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    return pending


def _pending_key() -> str:
    pending = session.get(PENDING)
    return f"second-factor:{pending.get('user') if isinstance(pending, dict) else None}"


def code_limit() -> str:
    return current_app.config["TOTP_RATE_LIMIT"]


# Every code posted counts, right or wrong, before it is checked: parallel guesses cannot
# slip past a limit that only counted failures afterwards.
@bp.route("/login/code", methods=["GET", "POST"])
@limiter.limit(code_limit, methods=["POST"], key_func=_pending_key)
def login_code() -> ResponseReturnValue:
    pending = _pending()
    user = db.session.get(User, pending["user"]) if pending else None
    if pending is None or user is None or not user.active:
        session.pop(PENDING, None)
        flash(_("Sign in again: the step before the code was not done, or too long ago."),
              "info")
        return redirect(url_for("auth.login"))
    if locked(user):
        session.pop(PENDING, None)
        flash(_("Too many wrong codes were given for this account. Ask an administrator to "
                "reset your two-factor sign-in."), "danger")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        now = utcnow()
        second = check_code(user, form.code.data or "", now=now)
        if second:
            session.pop(PENDING, None)
            return _establish(user, method=pending["method"], provider=pending["provider"],
                              second=second, target=pending["next"])
        record_wrong_code(user, address=request.remote_addr, now=now)
        db.session.commit()
        if locked(user):
            return login_code()  # says so, and starts over
        form.code.errors = [_("That code is not right, or it was used already. Codes change "
                              "every 30 seconds; each works once.")]
    status = 400 if request.method == "POST" else 200
    return render_template("auth/login_code.html", form=form), status
