"""Company sign-in: off to the identity provider and back.

``/auth/sso/<name>/start`` sends the browser to the provider (Authlib keeps ``state``,
``nonce`` and the PKCE verifier in the session), ``/auth/sso/<name>/link`` too, for a
signed-in user linking their account; ``/auth/sso/<name>/callback`` takes
the provider's answer, has it verified, and signs in the user it names, links it to
the signed-in user (from the account page), or refuses, audited, in words.
"""

from flask import abort, flash, g, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from vendorrisk.audit.services import record
from vendorrisk.auth import bp
from vendorrisk.auth.permissions import require_login
from vendorrisk.auth.signin import complete
from vendorrisk.auth.sso import (
    SignInRefused,
    claims_options,
    client,
    new_nonce,
    providers,
    refusal_of,
)
from vendorrisk.auth.sso_services import link_identity, sign_in_from_claims
from vendorrisk.auth.sso_settings import ProviderSettings
from vendorrisk.auth.views import login_failed, login_limit, safe_next
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db, limiter
from vendorrisk.foundation.i18n import select_locale

_NEXT, _LINK = "sso_next", "sso_link"


def _provider(name: str) -> ProviderSettings:
    provider = providers().get(name)
    if provider is None:
        abort(404)
    return provider


def refusal_message(reason: str, provider: str) -> str:
    """The sentence a refused person reads."""
    unverified = _("The answer from %(provider)s could not be verified, so you were not signed "
                   "in. Try again; if it happens again, tell your administrator.",
                   provider=provider)
    return {
        "state": _("This sign-in could not be matched to this browser (it was started in "
                   "another window, or used already). Start again."),
        "provider_error": _("%(provider)s did not complete the sign-in. Start again.",
                            provider=provider),
        "unreachable": _("%(provider)s could not be reached. Try again in a few minutes.",
                         provider=provider),
        "unknown_subject": _("Your %(provider)s account is not linked to an account here. Ask "
                             "an administrator for access, or sign in with your password and "
                             "link it on your account page.", provider=provider),
        "no_email": _("Your %(provider)s account has no confirmed e-mail address, so no account "
                      "could be made for it. Ask your administrator.", provider=provider),
        "email_taken": _("An account with your e-mail address exists already. Sign in with its "
                         "password and link your %(provider)s account on your account page.",
                         provider=provider),
        "no_role": _("Your %(provider)s account is in no group that gives access here. Ask "
                     "your administrator.", provider=provider),
        "disabled": _("This account is disabled."),
        "no_groups_claim": _("%(provider)s did not say which groups your account is in, so "
                             "your access could not be checked. Tell your administrator (the "
                             "groups claim must be in the ID token).", provider=provider),
        "last_admin": _("Your %(provider)s groups no longer make you an administrator, but "
                        "you are the last one here: your roles are unchanged and you are not "
                        "signed in. Ask for another administrator first.", provider=provider),
        "busy": _("Another sign-in with this account was under way. Start again."),
        "linked_elsewhere": _("This %(provider)s account is linked to another user already.",
                              provider=provider),
    }.get(reason, unverified)


@bp.get("/sso/<name>/start")
def sso_start(name: str) -> ResponseReturnValue:
    provider = _provider(name)
    target = safe_next(request.args.get("next"))
    if current_user.is_authenticated:
        return redirect(target)
    session[_NEXT], session[_LINK] = target, False
    return _to_provider(provider)


@bp.post("/sso/<name>/link")
@require_login
def sso_link(name: str) -> ResponseReturnValue:
    """Link one's own account at the provider: a form with its CSRF token (no other
    site can start it), and the provider asked to sign in afresh (``prompt=login``):
    whoever links proves, there and then, that they hold the account."""
    provider = _provider(name)
    session[_NEXT], session[_LINK] = url_for("auth.account", _anchor="sign-in"), True
    return _to_provider(provider, prompt="login")


def _to_provider(provider: ProviderSettings, **extra: str) -> ResponseReturnValue:
    redirect_uri = url_for("auth.sso_callback", name=provider.name, _external=True)
    try:
        return client(provider.name).authorize_redirect(redirect_uri, nonce=new_nonce(),
                                                        **extra)
    except Exception as error:  # the discovery document could not be read
        refused = refusal_of(error)
        flash(refusal_message(refused.reason, provider.label), "danger")
        return redirect(url_for("auth.account" if current_user.is_authenticated
                                else "auth.login"))


def _refuse(provider: ProviderSettings, refused: SignInRefused) -> ResponseReturnValue:
    g.login_failed = True
    who = refused.details.get("user")
    record("user.sign_in_refused", actor=None, actor_label=provider.label,
           object_type="user" if who else "sign_in", object_id=who or provider.name,
           now=utcnow(), details={"provider": provider.name, "reason": refused.reason,
                                  **{k: v for k, v in refused.details.items() if k != "user"}})
    db.session.commit()  # the refusal, and roles the provider's groups took away, stay
    flash(refusal_message(refused.reason, provider.label), "danger")
    linking = session.pop(_LINK, False) and current_user.is_authenticated
    return redirect(url_for("auth.account", _anchor="sign-in") if linking
                    else url_for("auth.login"))


@bp.get("/sso/<name>/callback")
@limiter.limit(login_limit, deduct_when=login_failed)
def sso_callback(name: str) -> ResponseReturnValue:
    provider = _provider(name)
    now = utcnow()
    try:
        try:
            token = client(name).authorize_access_token(claims_options=claims_options(name))
        except Exception as error:  # refusal_of names it, or raises it again
            raise refusal_of(error) from error
        if not token.get("userinfo"):  # an answer without an ID token proves no one
            raise SignInRefused("token")
        claims = dict(token["userinfo"])
        if session.get(_LINK) and current_user.is_authenticated:
            link_identity(current_user, provider, claims, now=now)
            db.session.commit()
            session.pop(_LINK, None)
            flash(_("Your %(provider)s account is linked: you can sign in with it now.",
                    provider=provider.label), "success")
            return redirect(url_for("auth.account", _anchor="sign-in"))
        try:
            user = sign_in_from_claims(provider, claims, language=select_locale(), now=now)
        except IntegrityError:  # the same person's first sign-in in two tabs at once
            db.session.rollback()
            raise SignInRefused("busy") from None
    except SignInRefused as refused:
        return _refuse(provider, refused)
    session.pop(_LINK, None)
    return complete(user, method="sso", provider=provider.name,
                    target=session.pop(_NEXT, None) or url_for("dashboard.index"))
