"""An exception's subject (risk acceptance, R8) in the reader's language. The subject is
stored as a code (a failed knockout, the score below the pass mark, a contract gap, an
unevaluated sub-consignee, a termination without a deletion certificate); people read
words. Review is the lowest feature that knows every kind of subject: the knockouts and
the pass mark (review/decision.py), the contract gaps and terminations (contracts/), the
chain (vendors/). Templates use ``{{ subject|exception_subject(standard) }}``."""

from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from vendorrisk.acceptance.models import RiskException
from vendorrisk.assessments import bp
from vendorrisk.assessments.models import Assessment
from vendorrisk.contracts import gate
from vendorrisk.contracts.models import Termination
from vendorrisk.contracts.termination_exceptions import SUBJECT_PREFIX as TERMINATION_PREFIX
from vendorrisk.foundation.extensions import db
from vendorrisk.review.decision import BELOW_PASS, knockout_subject
from vendorrisk.standards.definition import Definition
from vendorrisk.standards.models import StandardVersion
from vendorrisk.standards.services import definition_of, latest_versions
from vendorrisk.vendors.chain import CHAIN_SUBJECT_PREFIX
from vendorrisk.vendors.models import Vendor

KNOCKOUT_PREFIX = knockout_subject("")

# The fixed subjects; the knockout, chain and termination ones name a question, a
# sub-consignee or a termination.
FIXED = {
    BELOW_PASS: _l("Score below the pass mark"),
    gate.NO_NDA: _l("No NDA or confidentiality clause"),
    gate.NO_CONSIGNMENT_CONTRACT: _l("No consignment contract or DPA"),
    gate.MISSING_CLAUSES: _l("Mandatory clauses a–h missing"),
    gate.CHECKLIST_UNCONFIRMED: _l("Clause checklist to be reconfirmed after renewal"),
    gate.NO_STORAGE_CONFIRMATION: _l("No storage-only confirmation"),
    gate.NO_PROVISION_BASIS: _l("No Art. 27 ground for the provision"),
    gate.NO_PROVISION_RECORD: _l("No record of provision (Art. 29)"),
}


def _definition(standard: Any) -> Definition | None:
    """The standard a knockout's question is read from: a Definition, a StandardVersion,
    or an assessment or exception that leads to one."""
    if isinstance(standard, RiskException):
        standard = standard.assessment
    if isinstance(standard, Assessment):
        standard = standard.standard_version
    if isinstance(standard, StandardVersion):
        return definition_of(standard)
    return standard if isinstance(standard, Definition) else None


def question_text(question_id: str, standard: Any = None) -> str | None:
    """The question's text in the reader's language, from ``standard`` (see _definition)
    or, with none, the current standards; None when no standard has it."""
    locale = str(get_locale() or "en")
    definitions = [_definition(standard)]
    if definitions[0] is None:  # no standard given: the current ones
        definitions = [definition_of(version) for version in latest_versions()]
    for definition in definitions:
        if definition is not None and question_id in definition.questions:
            return definition.questions[question_id].text.get(locale)
    return None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def subject_label(subject: str, standard: Any = None) -> str:
    """``subject`` in words; ``standard`` (see _definition) gives a knockout's question."""
    if subject in FIXED:
        return str(FIXED[subject])
    if subject.startswith(KNOCKOUT_PREFIX):
        text = question_text(subject.removeprefix(KNOCKOUT_PREFIX), standard)
        if text is None:
            return _("Knockout failed on a question the standard no longer has")
        return _("Knockout failed: %(question)s", question=text)
    if subject.startswith(CHAIN_SUBJECT_PREFIX):
        number = _number(subject.removeprefix(CHAIN_SUBJECT_PREFIX))
        vendor = db.session.get(Vendor, number) if number is not None else None
        name = vendor.legal_name if vendor else _("a vendor no longer recorded")
        return _("Sub-consignee %(name)s without its own evaluation", name=name)
    if subject.startswith(TERMINATION_PREFIX):
        number = _number(subject.removeprefix(TERMINATION_PREFIX))
        termination = db.session.get(Termination, number) if number is not None else None
        if termination is None:
            return _("Relationship ended without a verified deletion certificate")
        return _("Relationship with %(vendor)s ended on %(date)s without a verified "
                 "deletion certificate", vendor=termination.vendor.legal_name,
                 date=termination.terminated_on.isoformat())
    return _("Another gap")


@bp.app_template_filter("exception_subject")
def exception_subject_filter(subject: str, standard: Any = None) -> str:
    """``{{ exception.subject|exception_subject(exception) }}``: the subject in words."""
    return subject_label(subject, standard)
