"""The per-country record of foreign regimes (R16) and which vendors need one."""

from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.formerrors import submit
from vendorrisk.vendors import bp
from vendorrisk.vendors.countries import country_names, normalise_country
from vendorrisk.vendors.forms import CountryRecordForm
from vendorrisk.vendors.models import CountryRecord
from vendorrisk.vendors.permissions import COUNTRY_EDITORS, REGISTER_READERS, can_edit_countries
from vendorrisk.vendors.services.country_records import (
    RECORD_VALID_DAYS,
    countries_in_use,
    save_country_record,
)


@bp.get("/countries")
@require_role(*REGISTER_READERS)
def countries() -> ResponseReturnValue:
    home = current_app.config["HOME_COUNTRY"]
    records = {entry.country: entry for entry in db.session.scalars(select(CountryRecord))}
    in_use = countries_in_use(home)
    cutoff = utcnow().date() - timedelta(days=RECORD_VALID_DAYS)
    codes = sorted(set(records) | set(in_use))
    return render_template("vendors/countries.html", codes=codes, records=records,
                           in_use=in_use, cutoff=cutoff,
                           names=country_names(str(get_locale())))


def _code(country: str) -> str:
    code = normalise_country(country)
    if code is None:
        abort(404)
    return code


@bp.get("/countries/<country>")
@require_role(*REGISTER_READERS)
def country(country: str) -> ResponseReturnValue:
    code = _code(country)
    entry = db.session.get(CountryRecord, code)
    form = CountryRecordForm(obj=entry)
    return render_template("vendors/country.html", code=code, entry=entry, form=form,
                           name=country_names(str(get_locale()))[code],
                           can_edit=can_edit_countries(current_user))


@bp.post("/countries/<country>")
@require_role(*COUNTRY_EDITORS)
def country_save(country: str) -> ResponseReturnValue:
    code = _code(country)
    form = CountryRecordForm()
    if submit(form, lambda: save_country_record(
            code, regime_summary=form.regime_summary.data or "", source=form.source.data or "",
            checked_on=form.checked_on.data, measures=form.measures.data or "",
            actor=current_user, now=utcnow())).done:
        flash(_("Record for %(country)s saved.", country=code), "success")
        return redirect(url_for("vendors.countries"))
    return render_template("vendors/country.html", code=code, form=form,
                           entry=db.session.get(CountryRecord, code),
                           name=country_names(str(get_locale()))[code], can_edit=True), 400
