"""Forms for contracts and their end. The services check every field again; the forms
only shape the input."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from vendorrisk.contracts.models import ContractType, ProvisionBasis, TechnicalMeasure
from vendorrisk.vendors.labels import choices


class ContractForm(FlaskForm):
    type = SelectField(_l("Kind"), choices=[], validate_choice=False)
    title = StringField(_l("Title"), validators=[Length(max=300)])
    reference = StringField(_l("Reference number"), validators=[Length(max=120)])
    counterparty_signatory = StringField(_l("Signed for the vendor by"),
                                         validators=[Length(max=200)])
    signed_on = DateField(_l("Signed on"), validators=[Optional()],
                          description=_l("Empty while the contract is a draft."))
    effective_from = DateField(_l("In effect from"), validators=[Optional()])
    effective_to = DateField(_l("In effect until (last day)"), validators=[Optional()],
                             description=_l("Empty for an open-ended contract. With "
                                            "auto-renewal: the last day of the first term."))
    auto_renewal = BooleanField(_l("Renews automatically for another term of the same "
                                   "length"))
    notice_days = IntegerField(_l("Notice period (days)"),
                               validators=[Optional(), NumberRange(min=0, max=3650)])
    notice_given_on = DateField(_l("Notice not to renew given on"), validators=[Optional()],
                                description=_l("The contract then ends with the term "
                                               "running on that date."))
    retention_until = DateField(_l("Keep until"), validators=[Optional()],
                                description=_l("At least as long as the entrusted data is "
                                               "held; the contract cannot be deleted "
                                               "before."))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.type.choices = choices(ContractType)


class DocumentForm(FlaskForm):
    file = FileField(_l("Signed document"), validators=[FileRequired(_l("Choose a file."))])
    note = StringField(_l("Note"), validators=[Length(max=1000)],
                       description=_l("E.g. \"countersigned copy\" or \"amendment 1\"."))


class StorageForm(FlaskForm):
    no_handling_reference = StringField(
        _l("Clause barring the provider from handling the data"),
        validators=[Length(max=120)], description=_l("E.g. \"Terms §4.2: no access to "
                                                     "customer content\"."))
    technical_measure = SelectField(_l("Technical measure keeping the provider out"),
                                    choices=[])
    technical_note = TextAreaField(_l("How the measure was confirmed"),
                                   validators=[Length(max=5000)])

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.technical_measure.choices = [("", "—"), *choices(TechnicalMeasure)]


class ProvisionForm(FlaskForm):
    basis = SelectField(_l("Ground of the provision (APPI Art. 27)"), choices=[])
    basis_reference = StringField(_l("Evidence of the ground"),
                                  validators=[Length(max=300)],
                                  description=_l("The consent form, the PPC notification, "
                                                 "the law, the joint-use notice."))
    provision_record = StringField(
        _l("Where the record of provision is kept (APPI Art. 29)"),
        validators=[Length(max=300)],
        description=_l("Needed for a provision on consent or by opt-out."))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.basis.choices = [("", "—"), *choices(ProvisionBasis)]


class TerminationForm(FlaskForm):
    terminated_on = DateField(_l("Contracts end on"),
                              validators=[InputRequired(_l("Enter the end date."))])
    due_on = DateField(_l("Deletion certificate due on"),
                       validators=[InputRequired(_l("Enter the due date."))])
    reason = TextAreaField(_l("Why the relationship ends"), validators=[Length(max=5000)])


class CertificateForm(FlaskForm):
    file = FileField(_l("Certificate of return or deletion"),
                     validators=[FileRequired(_l("Choose a file."))])
    submitted_by_name = StringField(_l("Certified by (name and title)"),
                                    validators=[Length(max=200)])
    deleted_on = DateField(_l("Data returned or deleted on"), validators=[Optional()])
    statement = TextAreaField(_l("What was returned or deleted, and how (backups included)"),
                              validators=[Length(max=5000)])


class ExceptionForm(FlaskForm):
    rationale = TextAreaField(_l("Why ending without a verified certificate is acceptable"))
    compensating_measures = TextAreaField(_l("Compensating measures"))
    expires_on = DateField(_l("Expires on"), validators=[Optional()])
