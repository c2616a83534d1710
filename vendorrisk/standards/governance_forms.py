"""Forms of the governance pages: approve a version, assign one, review an assignment."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectChoice, SelectField, TextAreaField
from wtforms.validators import Optional

from vendorrisk.standards.models import ReviewOutcome

OUTCOME_LABELS = {
    ReviewOutcome.KEPT: _l("Kept as it is"),
    ReviewOutcome.REPLACED: _l("Replaced by another version"),
}


class ApproveForm(FlaskForm):
    note = TextAreaField(_l("Change note"), description=_l(
        "What this version changes and why it is approved; kept with the approval."))


class AssignForm(FlaskForm):
    version_id = SelectField(_l("Approved version"), coerce=str, validate_choice=False)
    tier = SelectField(_l("Tier"), coerce=str, validate_choice=False)
    classification = SelectField(_l("Classification"), coerce=str, validate_choice=False,
                                 description=_l("A classification of its own goes before "
                                                "the assignment for any classification."))
    reason = TextAreaField(_l("Reason"))
    review_by = DateField(_l("Review by"), validators=[Optional()],
                          description=_l("One year from today when left empty."))


class ReviewForm(FlaskForm):
    outcome = RadioField(_l("Outcome"), choices=[
        SelectChoice(outcome.value, label) for outcome, label in OUTCOME_LABELS.items()],
        validate_choice=False, default=ReviewOutcome.KEPT.value)
    new_version_id = SelectField(_l("Replaced by"), coerce=str, validate_choice=False)
    reason = TextAreaField(_l("Reason"))
    review_by = DateField(_l("Next review by"), validators=[Optional()],
                          description=_l("One year from today when left empty."))
