"""The assessment report: what was signed (the snapshot) or, before sign-off, the record
as it stands, laid out by section with the standard's wording in the reader's language.
Plain data in, so the same context serves the PDF and any future page."""

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from vendorrisk.assessments.labels import FINDING_STATUS_LABELS
from vendorrisk.assessments.models import Assessment
from vendorrisk.foundation.templating import format_datetime
from vendorrisk.review.basis_labels import labelled_basis
from vendorrisk.review.findings import findings_of
from vendorrisk.review.knockout_text import failure_text, lifted_text
from vendorrisk.review.models import Finding
from vendorrisk.review.record import build_record
from vendorrisk.review.signoff import snapshot_of
from vendorrisk.standards.definition import Definition
from vendorrisk.standards.services import definition_of
from vendorrisk.vendors.countries import country_names
from vendorrisk.vendors.labels import label
from vendorrisk.vendors.models import Vendor
from vendorrisk.vendors.vocabulary import (
    AccessType,
    Classification,
    Criticality,
    DataCategory,
    IndividualsBand,
)

# The data profile's items the report names (the flags the questionnaire's conditions
# read — abroad, special care, My Number, ... — follow from the categories and countries).
COUNTRIES = "countries"  # named by country_names, not by a vocabulary
PROFILE: tuple[tuple[str, Any, type[StrEnum] | str | None], ...] = (
    ("classification", _l("Classification"), Classification),
    ("categories", _l("Data categories"), DataCategory),
    ("individuals", _l("Individuals"), IndividualsBand),
    ("access", _l("Access"), AccessType),
    ("criticality", _l("Criticality"), Criticality),
    ("countries", _l("Countries"), COUNTRIES),
    ("sub_consignees", _l("Sub-consignees"), None),
)


@dataclass(frozen=True)
class AssessmentReport:
    record: dict[str, Any]  # build_record's shape: the snapshot when there is one
    definition: Definition
    snapshot_body: str | None  # the signed canonical JSON, exactly as stored
    snapshot_sha256: str | None
    vendor: Vendor  # its current classification and tier reasons, labelled by the template
    findings_now: dict[int, Finding]  # each finding as it stands today (status, due date)

    @property
    def signed(self) -> bool:
        return self.snapshot_body is not None

    def answer(self, question_id: str) -> dict[str, Any] | None:
        return self.record["answers"].get(question_id)

    def score(self, question_id: str) -> dict[str, Any]:
        return self.record["scores"]["questions"].get(question_id, {})

    def files(self, question_id: str) -> list[dict[str, Any]]:
        return [item for item in self.record["evidence"] if item["question_id"] == question_id]

    @staticmethod
    def when(value: str | None) -> str:
        """A recorded ISO timestamp to the minute, as the pages show times."""
        if not value:
            return "—"
        try:
            return format_datetime(datetime.fromisoformat(value))
        except ValueError:
            return value  # a plain date

    def profile(self) -> list[tuple[str, str]]:
        """The vendor's data profile when the assessment was sent, as (name, words)."""
        stored = self.record["assessment"]["profile"]
        return [(str(name), _words(stored[key], vocabulary))
                for key, name, vocabulary in PROFILE if key in stored]

    def _override(self, question_id: str) -> tuple[int | None, str]:
        review = self.record["reviews"].get(question_id) or {}
        return review.get("override_points"), review.get("override_reason") or ""

    def failed_knockouts(self) -> list[tuple[str, str]]:
        """(question id, why) for each failed knockout, in the reader's language: a
        reviewer's override below the minimum names the reviewer and their reason."""
        minimum = self.record["rules"].get("knockout_min", 2)
        lines = []
        for failure in self.record["scores"]["failed_knockouts"]:
            question_id = failure["question_id"]
            points, reason = self._override(question_id)
            if points is not None and points < minimum:
                text = failure_text(points, minimum, reason)
            elif points is not None:  # signed when an override did not count in knockouts
                text = failure["reason"]
            else:
                text = failure_text(self.score(question_id).get("points"), minimum, None)
            lines.append((question_id, text))
        return lines

    def lifted_knockouts(self) -> list[tuple[str, str]]:
        """(question id, why) for each knockout met only through a reviewer's override."""
        minimum = self.record["rules"].get("knockout_min", 2)
        lines = []
        for item in self.record["scores"].get("lifted_knockouts", []):
            points, reason = self._override(item["question_id"])
            lines.append((item["question_id"], lifted_text(points, minimum, reason)))
        return lines

    def approval_basis(self) -> dict[str, Any] | None:
        """What let the approval through, as the record names it (issue 22), labelled."""
        return labelled_basis(self.record)

    def finding_state(self, finding: dict[str, Any]) -> tuple[str, str, str | None]:
        """(status, due date, the due date as signed when it has moved since) of a finding
        of the record: remediation goes on after the decision, so the status is today's."""
        live = self.findings_now.get(finding["id"])
        signed_due = finding.get("due_on") or "—"
        if live is None:  # a record signed before the finding was deleted: as signed
            status = finding.get("status_at_signing") or ""
            return str(FINDING_STATUS_LABELS.get(status, status)), signed_due, None
        due = live.due_on.isoformat()
        return (str(FINDING_STATUS_LABELS[live.status.value]), due,
                signed_due if self.signed and signed_due != due else None)

    def person(self, key: int | None) -> str:
        """A person's name as the record's context gives it (names may change later)."""
        if key is None:
            return "—"
        return self.record["context"]["people"].get(str(key), {}).get("name", str(key))


def _words(value: Any, vocabulary: type[StrEnum] | str | None) -> str:
    """A stored profile value in the reader's language (a value the vocabulary no longer
    has is shown as stored)."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(sorted(_words(item, vocabulary) for item in value)) or "—"
    if vocabulary == COUNTRIES:
        return country_names(str(get_locale())).get(str(value), str(value))
    if isinstance(vocabulary, str):
        return str(value)
    if vocabulary is None or value not in {member.value for member in vocabulary}:
        return str(value)
    return label(vocabulary(value))


def assessment_report(assessment: Assessment) -> AssessmentReport:
    snapshot = snapshot_of(assessment)
    record = json.loads(snapshot.body) if snapshot else build_record(assessment,
                                                                     with_signatures=True)
    return AssessmentReport(
        record=record, definition=definition_of(assessment.standard_version),
        snapshot_body=snapshot.body if snapshot else None,
        snapshot_sha256=snapshot.sha256 if snapshot else None, vendor=assessment.vendor,
        findings_now={finding.id: finding for finding in findings_of(assessment)})
