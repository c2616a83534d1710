"""Import of the register (with a dry run) from CSV and XLSX. Its export, which adds
what other features know of each vendor, is in reports/register_export_views.py."""

from flask import (
    Response,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.utils import secure_filename

from vendorrisk.auth.permissions import require_role
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.foundation.tabular import TableError, read_table, write_csv
from vendorrisk.vendors import bp
from vendorrisk.vendors.forms import ImportForm
from vendorrisk.vendors.permissions import REGISTER_EDITORS
from vendorrisk.vendors.services.transfer import (
    IMPORT_COLUMNS,
    apply_import,
    check_table,
)


@bp.get("/import/template.csv")
@require_role(*REGISTER_EDITORS)
def import_template() -> ResponseReturnValue:
    example = ["Example Printing Co., Ltd.", "株式会社サンプル印刷", "7123456789012", "", "", "",
               "1-2-3 Chiyoda, Tokyo", "JP", "https://printing.example.com", "prospect",
               "consignment", "Prints and mails our customer invoices", "Invoice printing",
               "Mailing invoices to customers", "customer", "up_to_100000", "transport",
               "significant", "JP", "", "Hanako Sato", "sato@printing.example.com",
               "+81-3-0000-0000", ""]
    in_use = ["Example Payroll K.K.", "株式会社サンプル給与", "", "", "", "", "", "JP",
              "https://payroll.example.com", "in_use", "consignment",
              "Already runs our payroll", "Payroll", "Paying salaries", "employee; my_number",
              "up_to_1000", "bulk", "significant", "JP", "", "Taro Suzuki",
              "suzuki@payroll.example.com", "", "In use before the register was kept"]
    response = Response(write_csv(IMPORT_COLUMNS, [example, in_use]), mimetype="text/csv")
    response.headers["Content-Disposition"] = "attachment; filename=vendor-import-template.csv"
    return response


@bp.route("/import", methods=["GET", "POST"])
@require_role(*REGISTER_EDITORS)
def import_upload() -> ResponseReturnValue:
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        filename = secure_filename(upload.filename or "upload.csv") or "upload.csv"
        data = upload.read()
        try:
            report = check_table(read_table(filename, data))
        except TableError as error:
            form.file.errors = [*form.file.errors, str(error)]
        else:
            return render_template("vendors/import_report.html", report=report,
                                   filename=filename, sha256=storage().put(data))
    return render_template("vendors/import.html", form=form, columns=IMPORT_COLUMNS), (
        400 if request.method == "POST" else 200)


@bp.post("/import/confirm")
@require_role(*REGISTER_EDITORS)
def import_confirm() -> ResponseReturnValue:
    sha256 = request.form.get("sha256", "")
    filename = secure_filename(request.form.get("filename", "")) or "upload.csv"
    if not storage().exists(sha256):
        flash(_("The uploaded file is no longer available; upload it again."), "danger")
        return redirect(url_for("vendors.import_upload"))
    with storage().open(sha256) as handle:
        report = check_table(read_table(filename, handle.read()))
    only_valid = request.form.get("mode") == "valid"
    if not report.valid or (not only_valid and not report.all_valid):
        # The register changed since the dry run, or the choice does not fit the file.
        flash(_("Nothing was imported: the file has errors. Review them below."), "danger")
        return render_template("vendors/import_report.html", report=report,
                               filename=filename, sha256=sha256), 409
    created = apply_import(report, only_valid=only_valid, filename=filename,
                           actor=current_user, now=utcnow())
    db.session.commit()
    flash(_("%(count)d vendors imported; %(skipped)d rows skipped.", count=len(created),
            skipped=len(report.invalid)), "success")
    return redirect(url_for("vendors.index", sort="updated"))
