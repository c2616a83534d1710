"""Forms for logging in, one's own account, and user administration."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from vendorrisk.auth.labels import LANGUAGE_LABELS, NOTIFICATION_MODE_LABELS, ROLE_LABELS


class MultiCheckboxField(SelectMultipleField):
    """A set of checkboxes, one per choice."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _language_field() -> SelectField:
    choices = [SelectChoice(lang.value, label) for lang, label in LANGUAGE_LABELS.items()]
    return SelectField(_l("Language"), choices=choices)


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail"), validators=[InputRequired(_l("Enter your e-mail."))])
    password = PasswordField(_l("Password"), validators=[InputRequired(_l("Enter your password."))])


class LanguageForm(FlaskForm):
    language = _language_field()


class NotificationForm(FlaskForm):
    """Hand-offs (a questionnaire submitted, a signature due) by e-mail: at once or daily."""

    mode = SelectField(
        _l("Hand-off notices"),
        choices=[SelectChoice(mode.value, label)
                 for mode, label in NOTIFICATION_MODE_LABELS.items()],
        description=_l("The daily digest comes with the scheduler's morning run and lists "
                       "each notice with its link."))


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Current password"), validators=[InputRequired(_l("Enter your current password."))]
    )
    password = PasswordField(
        _l("New password"), description=_l("At least 12 characters; not your e-mail address."),
        validators=[InputRequired(_l("Enter a new password."))],
    )


class SetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("New password"), description=_l("At least 12 characters; not the e-mail address."),
        validators=[InputRequired(_l("Enter a new password."))],
    )


class UserForm(FlaskForm):
    """The profile and roles of a user (the password is set separately)."""

    email = EmailField(_l("E-mail"), validators=[InputRequired(_l("Enter an e-mail address."))])
    name = StringField(
        _l("Name"), validators=[InputRequired(_l("Enter the person's name.")), Length(max=200)]
    )
    language = _language_field()
    roles = MultiCheckboxField(
        _l("Roles"),
        choices=[SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()],
        validators=[InputRequired(_l("Choose at least one role."))],
    )


class NewUserForm(UserForm):
    password = PasswordField(
        _l("Initial password"), description=_l("At least 12 characters; not the e-mail address."),
        validators=[InputRequired(_l("Enter an initial password."))],
    )


class TokenForm(FlaskForm):
    """A personal access token for the API: a name, an expiry, some of one's roles."""

    name = StringField(_l("Name (what uses it)"), validators=[Length(max=100)])
    expires_on = DateField(_l("Expires on"),
                           validators=[InputRequired(_l("Enter the expiry date."))])
    roles = MultiCheckboxField(_l("Roles it acts with"), validate_choice=False, choices=[])
