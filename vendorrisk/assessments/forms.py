"""Staff forms for assessments."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectChoice, SelectField, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget

KIND_LABELS = {
    "selection": _l("Selection (before entrusting data)"),
    "periodic": _l("Periodic review"),
    "triggered": _l("Reassessment after a trigger"),
    "handling_status_report": _l("Handling-status report"),
    "confirmation": _l("Annual confirmation"),
}


class NewAssessmentForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=[SelectChoice(key, label)
                                            for key, label in KIND_LABELS.items()])
    version_id = SelectField(_l("Standard"), coerce=str, validate_choice=False,
                             description=_l("Proposed from the vendor's tier; choosing "
                                            "another needs a reason."))
    version_reason = TextAreaField(_l("Reason for another standard"))
    due_on = DateField(_l("Due date"), validators=[InputRequired(_l("Enter a due date."))])
    contacts = SelectMultipleField(_l("Respondents"), coerce=str, validate_choice=False,
                                   widget=ListWidget(prefix_label=False),
                                   option_widget=CheckboxInput())


class FindingForm(FlaskForm):
    """The service checks the texts, owner and due date and reports every problem at
    once; a required-field check here would hide the others behind it."""

    question_id = SelectField(_l("Question"), coerce=str, validate_choice=False)
    evidence_id = SelectField(_l("Evidence file"), coerce=str, validate_choice=False)
    severity = SelectField(_l("Severity"), coerce=str, validate_choice=False)
    description = TextAreaField(_l("Finding"))
    remediation = TextAreaField(_l("Remediation requested from the vendor"))
    owner_id = SelectField(_l("Owner (follows it up)"), coerce=str, validate_choice=False)
    due_on = DateField(_l("Due date"), validators=[Optional()])


class FindingEditForm(FlaskForm):
    severity = SelectField(_l("Severity"), coerce=str, validate_choice=False)
    description = TextAreaField(_l("Finding"))
    remediation = TextAreaField(_l("Remediation requested from the vendor"))
    owner_id = SelectField(_l("Owner (follows it up)"), coerce=str, validate_choice=False)
    due_on = DateField(_l("Due date"), validators=[Optional()])
    reason = TextAreaField(_l("Why it changes"), description=_l(
        "Kept in the finding's history; needed once the decision is signed."))
