"""One's own personal access tokens for the API, on the account page: created with a
name, an expiry and some of one's roles, shown once, revocable."""

from datetime import timedelta

from flask import make_response, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from vendorrisk.auth import bp, views
from vendorrisk.auth.forms import TokenForm
from vendorrisk.auth.labels import ROLE_LABELS
from vendorrisk.auth.permissions import require_login
from vendorrisk.auth.tokens import create_token, revoke_token
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.formerrors import perform, submit


def token_form() -> TokenForm:
    form = TokenForm()
    form.roles.choices = [SelectChoice(role.value, ROLE_LABELS[role])
                          for role in sorted(current_user.roles)]
    if not form.is_submitted():
        form.expires_on.data = utcnow().date() + timedelta(days=90)
        form.roles.data = [role.value for role in current_user.roles]
    return form


@bp.post("/account/tokens")
@require_login
def create_api_token() -> ResponseReturnValue:
    """A new token, shown on the page this once (the page is not cached)."""
    form = token_form()
    outcome = submit(form, lambda: create_token(
        current_user, name=form.name.data or "", expires_on=form.expires_on.data,
        roles=list(form.roles.data or []), now=utcnow()))
    if not outcome.done:
        return views.account_page(token_form=form), outcome.status
    raw, token = outcome.value
    response = make_response(views.account_page(new_token=raw, new_token_name=token.name))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/account/tokens/<int:token_id>/revoke")
@require_login
def revoke_api_token(token_id: int) -> ResponseReturnValue:
    return perform(lambda: revoke_token(current_user, token_id, now=utcnow()),
                   message=lambda token: _("Token \u201c%(name)s\u201d revoked: it no "
                                           "longer works.", name=token.name),
                   redirect_to=url_for("auth.account", _anchor="tokens"),
                   refused=views.account_page)
