"""The role matrix: each role gets 200 where it should and 403 everywhere else.

Every GET route without arguments must appear in EXPECTED, so a new page forces a
decision about who may see it.
"""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.conftest import VENDOR_BASE
from tests.helpers import adopt_standards
from vendorrisk.assessments.models import EvidenceFile
from vendorrisk.assessments.services import create_assessment
from vendorrisk.assessments.workflow import State
from vendorrisk.auth.models import Role
from vendorrisk.contracts.services import ContractInput, add_document, create_contract
from vendorrisk.contracts.termination import (
    CertificateInput,
    TerminationInput,
    record_termination,
    submit_certificate,
)
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.paths import questionnaires_folder
from vendorrisk.foundation.storage import storage
from vendorrisk.requests.models import DataRequest, DataRequestTask
from vendorrisk.requests.vocabulary import RequestKind, RequestStatus, TaskOutcome
from vendorrisk.review.models import Finding, FindingStatus, Severity
from vendorrisk.standards.models import StandardAssignment
from vendorrisk.standards.services import load_folder
from vendorrisk.vendors.inputs import ContactInput, VendorInput
from vendorrisk.vendors.services.contacts import add_contact
from vendorrisk.vendors.services.reconsignment import add_sub_consignment
from vendorrisk.vendors.services.register import create_vendor

ALL = frozenset(Role)
PROCUREMENT = {Role.PROCUREMENT}
REQUEST_READERS = {Role.REVIEWER, Role.APPROVER, Role.AUDITOR, Role.ADMIN}
EXPECTED = {
    "/dashboard/": ALL,
    "/auth/account": ALL,
    "/auth/users": {Role.ADMIN},
    "/auth/two-factor": ALL,
    "/auth/sign-in-policy": {Role.ADMIN},
    "/auth/users/new": {Role.ADMIN},
    "/audit/": {Role.ADMIN, Role.AUDITOR},
    "/vendors/": ALL,
    "/vendors/new": PROCUREMENT,
    "/vendors/countries": ALL,
    "/vendors/export.csv": ALL,
    "/vendors/export.xlsx": ALL,
    "/vendors/import": PROCUREMENT,
    "/vendors/import/template.csv": PROCUREMENT,
    "/standards/": ALL,
    "/standards/assignments": ALL,
    "/standards/assignments/new": {Role.APPROVER},
    "/assessments/": ALL,
    "/assessments/queue/review": {Role.REVIEWER, Role.APPROVER},
    "/assessments/queue/findings": {Role.REVIEWER, Role.APPROVER},
    "/assessments/queue/approval": {Role.APPROVER, Role.EXECUTIVE},  # executives: exceptions
    "/notifications/outbox": {Role.ADMIN},
    "/contracts/": ALL,
    "/contracts/export.csv": ALL,
    "/contracts/export.xlsx": ALL,
    "/supervision/": ALL,
    "/reports/runs": ALL,
    "/reports/management-reviews/": ALL,
    "/reports/management-reviews/new": {Role.APPROVER, Role.EXECUTIVE},
    "/assessments/export/answers.csv": ALL,
    "/assessments/export/answers.xlsx": ALL,
    "/assessments/export/findings.csv": ALL,
    "/assessments/export/findings.xlsx": ALL,
    "/incidents/": ALL,
    "/incidents/export.csv": ALL,
    "/incidents/export.xlsx": ALL,
    "/incidents/requests/": REQUEST_READERS,
    "/incidents/requests/export.csv": REQUEST_READERS,
    "/incidents/requests/export.xlsx": REQUEST_READERS,
    "/incidents/requests/new": {Role.REVIEWER, Role.APPROVER},
}
# Pages for one object, reached with the ids of objects the test creates.
EXPECTED_OBJECT_PAGES = {
    "/auth/users/<int:user_id>": {Role.ADMIN},
    "/vendors/<int:vendor_id>": ALL,
    "/vendors/<int:vendor_id>/edit": PROCUREMENT,
    "/vendors/<int:vendor_id>/contacts/new": PROCUREMENT,
    "/vendors/<int:vendor_id>/contacts/<int:contact_id>": PROCUREMENT,
    "/vendors/<int:vendor_id>/sub-consignees/new": PROCUREMENT,
    "/vendors/<int:vendor_id>/sub-consignees/<int:link_id>": PROCUREMENT,
    "/vendors/<int:vendor_id>/audits/new": {Role.REVIEWER, Role.APPROVER},
    "/vendors/<int:vendor_id>/sites/new": PROCUREMENT,
    "/supervision/sub-consignees/<int:link_id>/exception": REQUEST_READERS,
    "/vendors/countries/<country>": ALL,
    "/standards/<slug>/v<int:version>": ALL,
    "/standards/<slug>/v<int:version>/approve": {Role.APPROVER},
    "/standards/assignments/<int:assignment_id>/review": {Role.APPROVER},
    "/assessments/new/<int:vendor_id>": PROCUREMENT,
    "/assessments/<int:assessment_id>": ALL,
    "/reports/assessments/<int:assessment_id>.pdf": ALL,
    "/reports/vendors/<int:vendor_id>.pdf": ALL,
    "/assessments/<int:assessment_id>/evidence/<int:evidence_id>": ALL,
    "/assessments/<int:assessment_id>/findings/new": {Role.REVIEWER, Role.APPROVER},
    "/assessments/<int:assessment_id>/findings/<int:finding_id>/edit": {Role.REVIEWER,
                                                                         Role.APPROVER},
    "/contracts/new/<int:vendor_id>": PROCUREMENT,
    "/contracts/<int:contract_id>": ALL,
    "/contracts/<int:contract_id>/edit": PROCUREMENT,
    "/contracts/<int:contract_id>/documents/<int:document_id>": ALL,
    "/contracts/terminate/<int:vendor_id>": PROCUREMENT,
    "/contracts/terminations/<int:termination_id>": ALL,
    "/contracts/terminations/<int:termination_id>/certificates/<int:certificate_id>": ALL,
    "/incidents/requests/<int:request_id>": REQUEST_READERS,
    "/incidents/requests/<int:request_id>/tasks/<int:task_id>/evidence": REQUEST_READERS,
}
# Public; checked in test_routes (the portal's key is the link's token); and a user's own.
NOT_IN_MATRIX = {"/", "/auth/login", "/auth/login/code",  # before signing in
                 # company sign-in: tests/auth/test_sso.py
                 "/auth/sso/<name>/start", "/auth/sso/<name>/callback",
                 "/portal/<token>", "/portal/<token>/submit",
                 "/portal/<token>/evidence/<int:evidence_id>", "/portal/<token>/remediation",
                 "/portal/deletion/<token>", "/portal/incidents/<token>",
                 "/portal/incidents/<token>/<int:incident_id>", "/portal/requests/<token>",
                 # procurement sees its own vendors' incidents only (404 for the others):
                 # tests/incidents/test_incident_pages.py walks these per role
                 "/incidents/<int:incident_id>", "/incidents/<int:incident_id>/edit",
                 "/incidents/<int:incident_id>/report.pdf", "/incidents/new/<int:vendor_id>",
                 "/incidents/vendors/<int:vendor_id>",
                 "/healthz", "/readyz",  # public: tests/test_health.py
                 # answers 200 only while a signature is due, else 302 back to the
                 # assessment: tests/assessments/test_sign_confirmation.py walks the roles
                 "/assessments/<int:assessment_id>/sign",
                 # the API: a bearer token, not a session (tests/api: roles per token)
                 "/api/v1/openapi.json", "/api/v1/docs", "/api/v1/vendors",
                 "/api/v1/vendors/<int:vendor_id>", "/api/v1/vendors/<int:vendor_id>/tier",
                 "/api/v1/assessments", "/api/v1/assessments/<int:assessment_id>",
                 "/api/v1/findings", "/api/v1/contracts", "/api/v1/incidents",
                 "/api/v1/incidents/<int:incident_id>", "/api/v1/audit-events",
                 # the requester's own (404 to anyone else): tests/reports/test_register_pdf
                 "/reports/runs/<int:run_id>", "/reports/runs/<int:run_id>/file",
                 # every role reads a review and its summary: tests/reports/
                 # test_management_review.py walks the roles over a recorded one
                 "/reports/management-reviews/<int:review_id>",
                 "/reports/management-reviews/<int:review_id>/summary",
                 # 404 for a country where none of the vendor's data goes; every role
                 # reads one that does: tests/vendors/test_crossborder_pages.py
                 "/vendors/<int:vendor_id>/cross-border/<country>",
                 # every role reads an audit; reviewers and approvers add its findings:
                 # tests/review/test_audits.py walks the roles over a recorded one
                 "/vendors/<int:vendor_id>/audits/<int:audit_id>",
                 "/vendors/<int:vendor_id>/audits/<int:audit_id>/findings/new",
                 # procurement edits a site; tests/vendors/test_sites.py walks the roles
                 "/vendors/<int:vendor_id>/sites/<int:site_id>"}


def test_matrix_lists_every_page(app):
    pages = {
        rule.rule for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and "static" not in rule.endpoint
    }
    assert pages == set(EXPECTED) | set(EXPECTED_OBJECT_PAGES) | NOT_IN_MATRIX


def _object_ids(app, make_user) -> dict[str, object]:
    """One object of each kind, for the object pages."""
    other = make_user(Role.PROCUREMENT)
    with app.app_context():
        now = utcnow()
        parent, child = (create_vendor(VendorInput(**{**VENDOR_BASE, "legal_name": name}),
                                       owner_id=None, actor=None, now=now)
                         for name in ("Parent Co.", "Child Co."))
        contact = add_contact(parent, ContactInput(name="C", email="c@v.example.com"),
                              primary=True, actor=None, now=now)
        link = add_sub_consignment(parent, child, work="Hosting", country="JP",
                                   data_handled="Records", actor=other, now=now)
        db.session.commit()
        load_folder(questionnaires_folder(), actor=None, now=now)
        adopt_standards(now=now)
        assessment = create_assessment(
            parent, kind="selection", version=None, version_reason="",
            due_on=(now + timedelta(days=14)).date(), contacts=[contact], actor=other, now=now)
        assessment.status = State.SUBMITTED  # so that its review pages open
        evidence = EvidenceFile(assessment=assessment, question_id="x", filename="x.pdf",
                                sha256=storage().put(b"%PDF-1.4 role matrix"), size=20,
                                content_type="application/pdf", uploaded_at=now)
        db.session.add(evidence)
        finding = Finding(assessment=assessment, vendor_id=parent.id, severity=Severity.LOW,
                          description="Role matrix.", remediation="None.",
                          due_on=now.date() + timedelta(days=30), status=FindingStatus.OPEN,
                          created_by=other, created_at=now, updated_at=now)
        db.session.add(finding)
        contract, document, termination, certificate = _contract_objects(child, other, now)
        request = DataRequest(
            kind=RequestKind.DELETION, reference="R-1", subject="Customer 1", details="",
            categories=["customer"], received_on=now.date(), due_on=now.date(),
            status=RequestStatus.OPEN, created_at=now, tasks=[DataRequestTask(
                vendor=parent, outcome=TaskOutcome.DONE, evidence_filename="log.pdf",
                evidence_sha256=storage().put(b"%PDF-1.4 role matrix log"),
                evidence_content_type="application/pdf", evidence_size=24)])
        db.session.add(request)
        db.session.commit()
        return {"user_id": other.id, "vendor_id": parent.id, "contact_id": contact.id,
                "link_id": link.id, "country": "US", "slug": "consignee-light", "version": 1,
                "assessment_id": assessment.id, "evidence_id": evidence.id,
                "finding_id": finding.id,
                "contract_id": contract.id, "document_id": document.id,
                "termination_id": termination.id, "certificate_id": certificate.id,
                "request_id": request.id, "task_id": request.tasks[0].id,
                "assignment_id": db.session.scalar(select(StandardAssignment.id))}


def _contract_objects(vendor, actor, now):  # noqa: ANN001, ANN202
    """A contract with a document, and a termination with a certificate."""
    today = now.date()
    contract = create_contract(vendor, ContractInput(
        type="nda", title="NDA", signed_on=today, effective_from=today,
        retention_until=today + timedelta(days=3650)), actor=actor, now=now)
    document = add_document(contract, filename="nda.pdf", data=b"%PDF-1.4 role matrix nda",
                            note="", actor=actor, now=now)
    termination = record_termination(vendor, TerminationInput(
        terminated_on=today, due_on=today + timedelta(days=30), reason="Ended"),
        actor=actor, now=now)
    certificate = submit_certificate(termination, CertificateInput(
        filename="certificate.pdf", data=b"%PDF-1.4 role matrix certificate",
        deleted_on=today, statement="All deleted", submitted_by_name="V"), actor=None,
        now=now)
    return contract, document, termination, certificate


def _fill(path: str, ids: dict[str, object]) -> str:
    return re.sub(r"<(?:int:)?(\w+)>", lambda match: str(ids[match.group(1)]), path)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_sees_exactly_its_pages(app, client, auth, make_user, role):
    ids = _object_ids(app, make_user)
    auth.login_as(role)
    _check_pages(client, ids, role)


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_signed_in_through_the_company_provider_sees_exactly_its_pages(
        app, client, sso, make_user, role):
    """The same, as a user made at the first company sign-in with the role from their
    group at the identity provider (tests/sso.py)."""
    ids = _object_ids(app, make_user)
    sso.login_as(client, role)
    _check_pages(client, ids, role)


def _check_pages(client, ids: dict[str, object], role: Role) -> None:  # noqa: ANN001
    pages = dict(EXPECTED)
    pages.update({_fill(path, ids): roles for path, roles in EXPECTED_OBJECT_PAGES.items()})
    for path, roles in pages.items():
        expected = 200 if role in roles else 403
        response = client.get(path)
        response.close()  # downloads stream from an open file
        assert response.status_code == expected, (role, path)


def test_navigation_shows_only_allowed_pages(client, auth):
    auth.login_as(Role.AUDITOR)
    html = client.get("/dashboard/").get_data(as_text=True)
    assert 'href="/audit/"' in html
    assert 'href="/auth/users"' not in html


def test_user_with_several_roles_gets_the_union(client, auth):
    auth.login_as(Role.PROCUREMENT, Role.AUDITOR)
    assert client.get("/audit/").status_code == 200
    assert client.get("/auth/users").status_code == 403
