"""Who is signed in where, and how staff must sign in: one's own sessions (ended one by
one), an administrator ending all of a user's sessions, and the sign-in policy page."""

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from vendorrisk.auth import bp
from vendorrisk.auth.factor_forms import PolicyForm
from vendorrisk.auth.models import Role, User
from vendorrisk.auth.permissions import require_login, require_role
from vendorrisk.auth.policy import current_policy, set_policy
from vendorrisk.auth.services import active_admins
from vendorrisk.auth.sessions import end_all, end_one, is_current, open_sessions
from vendorrisk.auth.signin import sign_out
from vendorrisk.auth.sso import providers
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.foundation.routing import as_id


@bp.post("/account/sessions/<int:session_id>/end")
@require_login
def account_session_end(session_id: int) -> ResponseReturnValue:
    now = utcnow()
    mine = {row.id: row for row in open_sessions(current_user, now=now)}
    if session_id not in mine:
        flash(_("That session has ended already."), "info")
        return redirect(url_for("auth.account", _anchor="sessions"))
    this_one = is_current(mine[session_id], current_user)
    end_one(current_user, session_id, actor=current_user, now=now)
    db.session.commit()
    if this_one:
        sign_out()
        flash(_("You have been logged out."), "info")
        return redirect(url_for("auth.login"))
    flash(_("The session has ended: that device must sign in again."), "success")
    return redirect(url_for("auth.account", _anchor="sessions"))


@bp.post("/users/<int:user_id>/sessions/end")
@require_role(Role.ADMIN)
def user_sessions_end(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    end_all(user, actor=current_user, now=utcnow())
    db.session.commit()
    if user.id == current_user.id:
        sign_out()
        return redirect(url_for("auth.login"))
    flash(_("Every session of %(email)s has ended.", email=user.email), "success")
    return redirect(url_for("auth.user_edit", user_id=user.id))


@bp.route("/sign-in-policy", methods=["GET", "POST"])
@require_role(Role.ADMIN)
def sign_in_policy() -> ResponseReturnValue:
    policy = current_policy()
    admins = active_admins()
    form = PolicyForm(require_sso=policy.require_sso,
                      break_glass=str(policy.break_glass_user_id or ""))
    form.break_glass.choices = [("", _("Not chosen"))] + [
        (str(admin.id), f"{admin.name} <{admin.email}>") for admin in admins]
    chosen = as_id(form.break_glass.data)
    outcome = submit(form, lambda: set_policy(
        require_sso=bool(form.require_sso.data),
        break_glass=db.session.get(User, chosen) if chosen else None,
        providers=len(providers()), actor=current_user, now=utcnow()))
    if outcome.done:
        flash(_("The sign-in policy is saved."), "success")
        return redirect(url_for("auth.sign_in_policy"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/sign_in_policy.html", form=form, policy=policy,
                           providers=providers().values()), status
