"""Forms for the second factor and the sign-in policy."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import InputRequired, Length


class CodeForm(FlaskForm):
    """A 6-digit code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"), description=_l("The 6 digits your authenticator app shows, or one of your "
                                   "recovery codes."),
        validators=[InputRequired(_l("Enter the code.")), Length(max=40)])


class PolicyForm(FlaskForm):
    """How staff must sign in."""

    require_sso = BooleanField(
        _l("Require company sign-in for everyone"),
        description=_l("Passwords then work only for the break-glass administrator."))
    break_glass = SelectField(
        _l("Break-glass administrator"), choices=[], validate_choice=False,
        description=_l("The one account that can still sign in with a password, for the day "
                       "the identity provider is down. Keep its password in a safe place."))
