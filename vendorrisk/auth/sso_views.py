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

from vendorrisk.auth import bp
from vendorrisk.auth.labels import refusal_message
from vendorrisk.auth.permissions import require_login
from vendorrisk.auth.signin import complete
from vendorrisk.auth.sso import (
    SignInRefused,
    client,
    new_nonce,
    providers,
    refusal_of,
    verified_claims,
)
from vendorrisk.auth.sso_services import link_identity, record_refusal, sign_in_from_claims
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
    record_refusal(provider, refused, now=utcnow())
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
        claims = verified_claims(name)
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
