"""The management review's form. The service checks every input and reports all the
problems at once; the form only carries the values."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Optional

from vendorrisk.foundation.routing import as_id
from vendorrisk.reports.management import ActionInput, ReviewInput

ACTION_ROWS = 5


class ActionForm(Form):
    task = StringField(_l("Action item"))  # not "description": a field has one of its own
    owner_id = SelectField(_l("Owner"), coerce=str, validate_choice=False)
    due_on = DateField(_l("Due by"), validators=[Optional()])


class ReviewForm(FlaskForm):
    fiscal_year = SelectField(_l("Fiscal year reviewed"), coerce=str, validate_choice=False)
    held_on = DateField(_l("Held on"), validators=[Optional()])
    participants = TextAreaField(_l("Participants"), description=_l(
        "Top management and the others who took part, with their roles."))
    summary_run_id = SelectField(_l("Annual supervision summary it read"), coerce=str,
                                 validate_choice=False, description=_l(
                                     "The very file is kept with the record."))
    other_inputs = TextAreaField(_l("Other inputs"), description=_l(
        "Audit results, changes in law or in the business, complaints, earlier actions."))
    decisions = TextAreaField(_l("Decisions"), description=_l(
        "What the review concluded and decided; each task goes below as an action."))
    actions = FieldList(FormField(ActionForm), min_entries=ACTION_ROWS,
                        max_entries=ACTION_ROWS)

    def review_input(self) -> ReviewInput:
        return ReviewInput(
            fiscal_year=as_id(self.fiscal_year.data), held_on=self.held_on.data,
            participants=self.participants.data or "",
            summary_run_id=as_id(self.summary_run_id.data),
            other_inputs=self.other_inputs.data or "", decisions=self.decisions.data or "",
            actions=tuple(ActionInput(description=row.task.data or "",
                                      owner_id=as_id(row.owner_id.data),
                                      due_on=row.due_on.data) for row in self.actions))


class CloseActionForm(FlaskForm):
    note = TextAreaField(_l("What was done"))
