"""The audit's form. The checklist's rows come from the vendor's standard and are read
from the posted fields ``check-<question>`` and ``note-<question>``; the service checks
every input and reports all the problems at once."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import Optional

from vendorrisk.review.audits import AuditInput, CheckInput
from vendorrisk.standards.definition import Question


class AuditForm(FlaskForm):
    kind = SelectField(_l("How it was held"), coerce=str, validate_choice=False)
    purpose = SelectField(_l("Why"), coerce=str, validate_choice=False)
    held_on = DateField(_l("Held on"), validators=[Optional()])
    auditors = TextAreaField(_l("Auditors"), description=_l(
        "Who audited, with their organisation (ours, or an outside auditor)."))
    scope = TextAreaField(_l("Scope"), description=_l(
        "The services, sites, systems and records the audit covered."))
    observations = TextAreaField(_l("Observations"), description=_l(
        "What the auditors saw; each gap goes in as a finding after the record is made."))
    result = SelectField(_l("Result"), coerce=str, validate_choice=False)

    def audit_input(self, questions: list[Question], posted: MultiDict) -> AuditInput:
        return AuditInput(
            kind=self.kind.data or "", purpose=self.purpose.data or "",
            held_on=self.held_on.data, auditors=self.auditors.data or "",
            scope=self.scope.data or "", observations=self.observations.data or "",
            result=self.result.data or "",
            checks=tuple(CheckInput(question.id,
                                    posted.get(f"check-{question.id}") or "not_checked",
                                    posted.get(f"note-{question.id}", ""))
                         for question in questions))
