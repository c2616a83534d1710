"""Login, logout, one's own account, and the administrators' user pages."""

import logging
import re
from urllib.parse import urlsplit

from flask import (
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from vendorrisk.auth import bp, signin, token_views
from vendorrisk.auth.forms import (
    ChangePasswordForm,
    LanguageForm,
    LoginForm,
    NewUserForm,
    NotificationForm,
    SetPasswordForm,
    UserForm,
)
from vendorrisk.auth.labels import ROLE_LABELS
from vendorrisk.auth.models import Role, User
from vendorrisk.auth.permissions import require_login, require_role
from vendorrisk.auth.policy import current_policy, password_allowed, refuse_password
from vendorrisk.auth.second_factor import enrolled
from vendorrisk.auth.services import (
    authenticate,
    change_own_password,
    create_user,
    set_active,
    set_language,
    set_notification_mode,
    set_password,
    update_user,
)
from vendorrisk.auth.sessions import log_out, open_sessions, session_rows
from vendorrisk.auth.sso import providers
from vendorrisk.auth.sso_services import identities_of
from vendorrisk.auth.tokens import revoke_tokens_of, tokens_of
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import DomainError, ValidationError
from vendorrisk.foundation.extensions import db, limiter
from vendorrisk.foundation.formerrors import submit

log = logging.getLogger(__name__)
# In a next= address these cannot be meant, and CR/LF would split the Location header.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def login_failed(response: object) -> bool:
    return bool(g.get("login_failed"))


def safe_next(target: str | None) -> str:
    """Only same-site paths may follow a login (no open redirect); control characters
    (CR/LF would split the Location header) are refused."""
    if target and _CONTROL_CHARACTERS.search(target):
        raise ValidationError(_("The page to open after logging in is not a valid "
                                "address."))
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") \
                and not target.startswith("//") and "\\" not in target:
            return target
    return url_for("dashboard.index")


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"], deduct_when=login_failed)
def login() -> ResponseReturnValue:
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data or "", form.password.data or "", now=utcnow())
        if user is not None and password_allowed(user):
            return signin.complete(user, method="password", target=target)
        if user is not None:  # company sign-in is required of everyone but break-glass
            refuse_password(user, now=utcnow())
            db.session.commit()
        else:
            log.warning("Failed login for %r from %s", form.email.data, request.remote_addr)
        # The same words either way: a different one would tell that the password is right
        flash(_("Your company requires signing in through its identity provider: use the "
                "button above. (Or the e-mail or password is wrong.)")
              if current_policy().require_sso
              else _("Wrong e-mail or password, or the account is disabled."), "danger")
    if request.method == "POST":
        g.login_failed = True
    return render_template("auth/login.html", form=form, providers=providers().values(),
                           policy=current_policy(), target=target)


@bp.post("/logout")
@require_login
def logout() -> ResponseReturnValue:
    log_out(current_user, now=utcnow())
    db.session.commit()
    signin.sign_out()
    flash(_("You have been logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.get("/account")
@require_login
def account() -> ResponseReturnValue:
    return account_page()


def account_page(**context: object) -> str:
    """The account page; ``context`` can replace a form (refused input) or add the token
    just created (shown once)."""
    return render_template("auth/account.html", **{
        "language_form": LanguageForm(language=current_user.language.value),
        "notification_form": NotificationForm(mode=current_user.notification_mode.value),
        "password_form": ChangePasswordForm(), "token_form": token_views.token_form(),
        "tokens": tokens_of(current_user), "now": utcnow(),
        "sessions": session_rows(current_user, now=utcnow()),
        "identities": identities_of(current_user), "providers": providers().values(),
        "two_factor_on": enrolled(current_user),
        "has_password": current_user.has_password, **context})


@bp.post("/account/language")
@require_login
def account_language() -> ResponseReturnValue:
    form = LanguageForm()
    if form.validate_on_submit():
        set_language(current_user, form.language.data or "", now=utcnow())
        db.session.commit()
        session.pop("lang", None)  # the saved setting now wins over a ?lang= switch
        flash(_("Your language is saved."), "success")
        return redirect(url_for("auth.account"))
    return account_page(language_form=form), 400


@bp.post("/account/notifications")
@require_login
def account_notifications() -> ResponseReturnValue:
    form = NotificationForm()
    outcome = submit(form, lambda: set_notification_mode(current_user, form.mode.data or "",
                                                         now=utcnow()))
    if outcome.done:
        flash(_("Your notification setting is saved."), "success")
        return redirect(url_for("auth.account", _anchor="notifications"))
    return account_page(notification_form=form), 400


@bp.post("/account/password")
@require_login
def account_password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    outcome = submit(form, lambda: change_own_password(
        current_user, form.current.data or "", form.password.data or "", now=utcnow()))
    if outcome.done:  # this session goes on; the others ended
        flash(_("Your password is changed. Other sessions have been logged out."), "success")
        return redirect(url_for("auth.account"))
    return account_page(password_form=form), 400


@bp.get("/users")
@require_role(Role.ADMIN)
def users() -> ResponseReturnValue:
    show = request.args.get("show", "active")
    statement = select(User).order_by(User.email)
    if show == "active":
        statement = statement.where(User.active.is_(True))
    elif show == "disabled":
        statement = statement.where(User.active.is_(False))
    page = db.paginate(statement, per_page=50, error_out=False)
    return render_template("auth/users.html", page=page, show=show)


@bp.route("/users/new", methods=["GET", "POST"])
@require_role(Role.ADMIN)
def user_new() -> ResponseReturnValue:
    form = NewUserForm()
    outcome = submit(form, lambda: create_user(
        email=form.email.data or "", name=form.name.data or "",
        password=form.password.data or "", roles=form.roles.data or [],
        language=form.language.data or "en", actor=current_user, now=utcnow(),
    ))
    if outcome.done:
        flash(_("User %(email)s created.", email=outcome.value.email), "success")
        return redirect(url_for("auth.users"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/user_new.html", form=form), status


def _edit_page(
    user: User, form: UserForm | None = None, password_form: SetPasswordForm | None = None,
) -> ResponseReturnValue:
    """The user's edit page; a form given back after a refusal is shown with its errors."""
    status = 400 if form or password_form else 200
    if form is None:
        form = UserForm(obj=user, language=user.language.value,
                        roles=[role.value for role in user.roles])
    return render_template(
        "auth/user_edit.html", user=user, form=form,
        password_form=password_form or SetPasswordForm(),
        open_sessions=len(open_sessions(user, now=utcnow())),
    ), status


@bp.get("/users/<int:user_id>")
@require_role(Role.ADMIN)
def user_edit(user_id: int) -> ResponseReturnValue:
    return _edit_page(db.get_or_404(User, user_id))


@bp.post("/users/<int:user_id>")
@require_role(Role.ADMIN)
def user_update(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    form = UserForm()
    outcome = submit(form, lambda: update_user(
        user, email=form.email.data or "", name=form.name.data or "",
        roles=form.roles.data or [], language=form.language.data or "en",
        actor=current_user, now=utcnow(),
    ))
    if outcome.done:
        flash(_("User %(email)s saved.", email=user.email), "success")
        return redirect(url_for("auth.users"))
    return _edit_page(user, form=form)


@bp.post("/users/<int:user_id>/password")
@require_role(Role.ADMIN)
def user_password(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    form = SetPasswordForm()
    now = utcnow()
    outcome = submit(form, lambda: (
        set_password(user, form.password.data or "", actor=current_user, now=now),
        revoke_tokens_of(user, actor=current_user, now=now)))
    if outcome.done:
        flash(_("Password of %(email)s set; their sessions and API tokens have ended.",
                email=user.email), "success")
        return redirect(url_for("auth.user_edit", user_id=user.id))
    return _edit_page(user, password_form=form)


@bp.post("/users/<int:user_id>/active")
@require_role(Role.ADMIN)
def user_active(user_id: int) -> ResponseReturnValue:
    user = db.get_or_404(User, user_id)
    activate = request.form.get("active") == "1"
    try:
        set_active(user, activate, actor=current_user, now=utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return redirect(url_for("auth.user_edit", user_id=user.id))
    db.session.commit()
    message = _("User %(email)s enabled.", email=user.email) if activate \
        else _("User %(email)s disabled; their sessions have ended.", email=user.email)
    flash(message, "success")
    return redirect(url_for("auth.user_edit", user_id=user.id))


@bp.app_context_processor
def _role_labels() -> dict:
    """Every template, e-mails included, names roles in the reader's language."""
    return {"role_labels": ROLE_LABELS}
