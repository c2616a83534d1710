"""Forms for individuals' requests: recording one (staff) and answering a task (staff,
or the consignee through its link). The services check every field again."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, Optional

from vendorrisk.auth.forms import MultiCheckboxField
from vendorrisk.requests.services import RequestInput, TaskAnswer
from vendorrisk.requests.vocabulary import ANSWERED, RequestKind, TaskOutcome
from vendorrisk.vendors.labels import choices
from vendorrisk.vendors.vocabulary import DataCategory


class RequestForm(FlaskForm):
    kind = SelectField(_l("The person asks for"), choices=[], validate_choice=False)
    reference = StringField(_l("Our case number"), validators=[Length(max=120)])
    subject = TextAreaField(
        _l("How a consignee finds the person's records"), validators=[Length(max=5000)],
        description=_l("A customer or employee number and the name: no more than they need."),
        render_kw={"rows": 2})
    details = TextAreaField(_l("What exactly is asked"), validators=[Length(max=5000)],
                            description=_l("What to correct, which use to stop, ..."),
                            render_kw={"rows": 3})
    categories = MultiCheckboxField(_l("Kinds of data concerned"), validate_choice=False,
                                    choices=[])
    # Dates may be left empty here: the service says what is missing together with every
    # other problem of the form, rather than one at a time.
    received_on = DateField(_l("Received on"), validators=[Optional()])
    due_on = DateField(_l("Consignees answer by"), validators=[Optional()],
                       description=_l("The time agreed in the consignment contracts."))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.kind.choices = choices(RequestKind)
        self.categories.choices = choices(DataCategory)


def request_input(form: RequestForm) -> RequestInput:
    return RequestInput(kind=form.kind.data or "", reference=form.reference.data or "",
                        subject=form.subject.data or "", details=form.details.data or "",
                        categories=tuple(form.categories.data or ()),
                        received_on=form.received_on.data, due_on=form.due_on.data)


class AnswerForm(FlaskForm):
    outcome = RadioField(_l("What was done"), choices=[], validate_choice=False)
    note = TextAreaField(_l("What was done and when, or why it is refused"),
                         validators=[Length(max=5000)], render_kw={"rows": 3})
    answered_by_name = StringField(_l("Confirmed by (name and title)"),
                                   validators=[Length(max=200)])
    file = FileField(_l("Evidence (optional)"))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.outcome.choices = choices(TaskOutcome, [o for o in TaskOutcome if o in ANSWERED])


def task_answer(form: AnswerForm) -> TaskAnswer:
    upload = form.file.data
    return TaskAnswer(outcome=form.outcome.data or "", note=form.note.data or "",
                      answered_by_name=form.answered_by_name.data or "",
                      filename=upload.filename if upload else "",
                      data=upload.read() if upload else b"")
