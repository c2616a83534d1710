"""Forms for incidents and individuals' requests, on staff pages and the vendor's link.
The services check every field again; the forms only shape the input. Times are entered
in Japan time (the PPC's deadlines run in it)."""

from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Length, NumberRange, Optional

from vendorrisk.auth.forms import MultiCheckboxField
from vendorrisk.foundation.clock import JAPAN
from vendorrisk.incidents.services import IncidentInput
from vendorrisk.vendors.labels import choices
from vendorrisk.vendors.vocabulary import DataCategory

JAPAN_TIME = _l("Japan time")


def _when(label: str) -> DateTimeLocalField:
    return DateTimeLocalField(label, validators=[Optional()], description=JAPAN_TIME,
                              format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"])


def _text(label: str, description: str | None = None) -> TextAreaField:
    return TextAreaField(label, validators=[Length(max=10_000)], description=description,
                         render_kw={"rows": 3})


class IncidentForm(FlaskForm):
    """The nine report items (Rules Art. 8) and the facts the evaluation needs."""

    reporter_name = StringField(_l("Reported by (name and title)"),
                                validators=[Length(max=200)])
    reporter_contact = StringField(_l("Contact (e-mail or telephone)"),
                                   validators=[Length(max=254)])
    occurred_at = _when(_l("When it happened (or began)"))
    consignee_aware_at = _when(_l("When the consignee became aware"))
    overview = _text(_l("1. Overview of the incident"))
    data_items = _text(_l("2. Personal data items involved"),
                       _l("E.g. names, addresses, card numbers."))
    categories = MultiCheckboxField(_l("Kinds of data involved"), validate_choice=False,
                                    choices=[])
    individuals = IntegerField(_l("3. Number of people possibly affected"),
                               validators=[Optional(), NumberRange(min=0)],
                               description=_l("Count everyone whose data may be involved; a "
                                              "suspected leak counts. Leave empty while "
                                              "unknown."))
    special_care = BooleanField(_l("Special-care-required data is involved (health, "
                                   "criminal record, creed, ...)"))
    financial_damage_risk = BooleanField(_l("The data could be used to cause financial "
                                            "damage (card numbers, bank log-ins, ...)"))
    wrongful_purpose = BooleanField(_l("It may have been done on purpose (an attack, theft, "
                                       "an insider)"))
    cause = _text(_l("4. Cause"))
    secondary_damage = _text(_l("5. Secondary damage, or the risk of it"))
    response_to_individuals = _text(_l("6. Response to the people affected"))
    public_announcement = _text(_l("7. Public announcement"))
    recurrence_prevention = _text(_l("8. Measures to prevent recurrence"))
    other = _text(_l("9. Other"))

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.categories.choices = choices(DataCategory)


class StaffIncidentForm(IncidentForm):
    notified_at = _when(_l("When the consignee told us"))
    aware_at = _when(_l("When we became aware"))
    note = TextAreaField(_l("What changed, for the timeline"), validators=[Length(max=5000)])


def japan_to_utc(value: datetime | None) -> datetime | None:
    """A naive time typed in Japan time, as UTC."""
    return value.replace(tzinfo=JAPAN).astimezone(UTC) if value else None


def utc_to_japan(value: datetime | None) -> datetime | None:
    """For filling a form: a stored UTC time as naive Japan time."""
    return value.astimezone(JAPAN).replace(tzinfo=None) if value else None


def incident_input(form: IncidentForm) -> IncidentInput:
    staff = isinstance(form, StaffIncidentForm)
    return IncidentInput(
        reporter_name=form.reporter_name.data or "",
        reporter_contact=form.reporter_contact.data or "",
        occurred_at=japan_to_utc(form.occurred_at.data),
        consignee_aware_at=japan_to_utc(form.consignee_aware_at.data),
        categories=tuple(form.categories.data or ()),
        special_care=form.special_care.data, financial_damage_risk=form.financial_damage_risk
        .data, wrongful_purpose=form.wrongful_purpose.data, individuals=form.individuals.data,
        overview=form.overview.data or "", data_items=form.data_items.data or "",
        cause=form.cause.data or "", secondary_damage=form.secondary_damage.data or "",
        response_to_individuals=form.response_to_individuals.data or "",
        public_announcement=form.public_announcement.data or "",
        recurrence_prevention=form.recurrence_prevention.data or "",
        other=form.other.data or "",
        notified_at=japan_to_utc(form.notified_at.data) if staff else None,
        aware_at=japan_to_utc(form.aware_at.data) if staff else None)


class UpdateForm(FlaskForm):
    body = TextAreaField(_l("Update"), validators=[Length(max=10_000)],
                         render_kw={"rows": 3})
    author = StringField(_l("Your name"), validators=[Length(max=200)])  # vendor's link
    shared = BooleanField(_l("The vendor may read this"), default=True)  # staff


class ReportedForm(FlaskForm):
    which = SelectField(_l("Report"), choices=[
        SelectChoice("preliminary", _l("Preliminary report")),
        SelectChoice("final", _l("Final report"))])
    reported_at = _when(_l("Submitted to the PPC at"))


class CloseForm(FlaskForm):
    note = TextAreaField(_l("How the incident was resolved"), validators=[Length(max=10_000)])


