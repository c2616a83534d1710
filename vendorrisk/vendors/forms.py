"""Forms of the consignee register."""

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional

from vendorrisk.auth.forms import MultiCheckboxField
from vendorrisk.auth.labels import LANGUAGE_LABELS
from vendorrisk.foundation.lookup import child_or_404
from vendorrisk.vendors.data_items import DataItem
from vendorrisk.vendors.labels import choices
from vendorrisk.vendors.models import Vendor, VendorContact
from vendorrisk.vendors.vocabulary import (
    AccessType,
    Classification,
    Criticality,
    DataCategory,
    IndividualsBand,
    Tier,
)

# The service checks every field again; the form only shapes the input.


class VendorForm(FlaskForm):
    legal_name = StringField(_l("Legal name"), validators=[Length(max=300)])
    legal_name_ja = StringField(_l("Japanese name"), validators=[Length(max=300)])
    corporate_number = StringField(_l("Corporate number (法人番号)"),
                                   description=_l("13 digits; leave empty for foreign vendors."))
    lei = StringField(_l("LEI"))
    vat_number = StringField(_l("VAT number"))
    duns = StringField(_l("D-U-N-S number"))
    address = TextAreaField(_l("Address"))
    country = SelectField(_l("Country"), validate_choice=False)
    website = StringField(_l("Website"))
    status = SelectField(_l("Status"), validate_choice=False)
    owner_id = SelectField(_l("Internal owner"), validate_choice=False, coerce=str)
    notes = TextAreaField(_l("Notes"))
    classification = SelectField(
        _l("Relationship"), validate_choice=False, choices=choices(Classification))
    classification_reason = TextAreaField(
        _l("Why this classification"),
        description=_l("E.g. 'the vendor processes our customer list on our instructions'."))
    services = TextAreaField(_l("Services"))
    purpose = TextAreaField(_l("Purpose of entrusting the data"))
    categories = MultiCheckboxField(
        _l("Data categories"), validate_choice=False, choices=choices(DataCategory))
    data_items = MultiCheckboxField(
        _l("Data items"), validate_choice=False, choices=choices(DataItem),
        description=_l("What the vendor handles, each under a category chosen above (a "
                       "salary under employees, a My Number under My Number)."))
    individuals = SelectField(
        _l("Number of individuals"), validate_choice=False, choices=choices(IndividualsBand))
    access = SelectField(
        _l("Access to the data"), validate_choice=False, choices=choices(AccessType))
    criticality = SelectField(
        _l("Business criticality"), validate_choice=False, choices=choices(Criticality))
    countries = SelectMultipleField(
        _l("Countries where data is stored, accessed or processed"), validate_choice=False,
        description=_l("Include the countries of sub-consignees. Hold Ctrl to choose several."),
        render_kw={"size": 8})
    contact_name = StringField(_l("Primary contact name"))
    contact_email = EmailField(_l("Primary contact e-mail"))
    contact_language = SelectField(
        _l("Primary contact's language"), validate_choice=False,
        description=_l("The questionnaire and its e-mails go to the contact in this language."),
        choices=[SelectChoice("", _l("By the vendor's country (Japanese for Japan, otherwise "
                                     "English)")),
                 *(SelectChoice(lang.value, name) for lang, name in LANGUAGE_LABELS.items())])


class ContactForm(FlaskForm):
    name = StringField(_l("Name"), validators=[InputRequired(_l("Enter the contact's name."))])
    email = EmailField(_l("E-mail"), validators=[InputRequired(_l("Enter an e-mail address."))])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=40)])
    role = StringField(_l("Role at the vendor"), validators=[Optional(), Length(max=200)])
    language = SelectField(_l("Language"), choices=[
        SelectChoice(lang.value, name) for lang, name in LANGUAGE_LABELS.items()])
    primary = BooleanField(_l("Primary contact (receives questionnaires)"))


class SiteForm(FlaskForm):
    """The service checks every field and reports them all at once."""

    name = StringField(_l("Site"), description=_l("E.g. “Tokyo processing centre”."))
    address = TextAreaField(_l("Address"))
    country = SelectField(_l("Country"), validate_choice=False, description=_l(
        "One of the countries where the vendor handles the data (its profile)."))
    handled = TextAreaField(_l("What is done with the data there"))


class OverrideForm(FlaskForm):
    tier = SelectField(_l("Tier"), choices=choices(Tier))
    justification = TextAreaField(
        _l("Justification"), description=_l("At least 20 characters; shown to auditors."))


class SubConsignmentForm(FlaskForm):
    sub_vendor_id = SelectField(_l("Sub-consignee"), coerce=str)
    work = StringField(_l("Work passed on"), validators=[Length(max=300)])
    country = SelectField(_l("Country where it handles the data"))
    data_handled = TextAreaField(_l("Data it handles"))


class DecisionForm(FlaskForm):
    decision = RadioField(_l("Decision"), choices=[SelectChoice("approve", _l("Approve")),
                                                   SelectChoice("refuse", _l("Refuse"))],
                          validators=[InputRequired(_l("Choose approve or refuse."))])
    note = TextAreaField(_l("Note"), description=_l("Required when refusing."))


class CountryRecordForm(FlaskForm):
    regime_summary = TextAreaField(_l("Data-protection regime (summary)"))
    source = TextAreaField(_l("Source"), description=_l("E.g. the PPC's foreign-regime survey."))
    checked_on = DateField(_l("Date checked"),
                           validators=[InputRequired(_l("Enter the date checked."))])
    measures = TextAreaField(_l("Measures taken"))


class CrossBorderBasisForm(FlaskForm):
    """The service checks every field and reports all problems at once."""

    basis = SelectField(_l("Basis (APPI Art. 28)"), coerce=str, validate_choice=False)
    evidence = TextAreaField(_l("Evidence"), description=_l(
        "The consent form and where consents are kept, the contract clause, the CBPR "
        "certificate, or why this is not a provision."))
    evidenced_on = DateField(_l("Date of the evidence"), validators=[Optional()])


class Rule18CheckForm(FlaskForm):
    checked_on = DateField(_l("Checked on"), validators=[Optional()])
    implementation = TextAreaField(_l("The recipient's implementation of the measures"))
    foreign_law = TextAreaField(_l("Laws of the country that could prevent them"))
    outcome = SelectField(_l("Outcome"), coerce=str, validate_choice=False)
    note = TextAreaField(_l("Measures required, or a note"))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or Excel file"), validators=[
        FileRequired(_l("Choose a file.")),
        FileAllowed(["csv", "xlsx"], _l("Upload a .csv or .xlsx file.")),
    ])


class LinkForm(FlaskForm):
    """Which of a vendor's contacts a link goes to (deletion certificate, incidents)."""

    contact_id = SelectField(_l("Send the link to"), choices=[])

    @classmethod
    def for_vendor(cls, vendor: Vendor) -> "LinkForm":
        form = cls()
        form.contact_id.choices = [SelectChoice(str(contact.id),
                                                f"{contact.name} <{contact.email}>")
                                   for contact in vendor.contacts]
        return form


def chosen_contact(vendor_id: int) -> VendorContact:
    """The contact the posted form names, if it is one of ``vendor_id``'s (else 404)."""
    return child_or_404(VendorContact, request.form.get("contact_id", 0, type=int),
                        vendor_id=vendor_id)
