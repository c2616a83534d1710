"""The review of a submitted assessment: marks and overrides, findings and remediation,
exceptions asked for, the decision rules, sign-off, the signed record and its snapshot,
the work queues. Its pages are on the assessments blueprint (same URLs, same endpoint
names, templates in assessments/templates/assessments/); the audits of a consignee are
on the vendor's (vendors.bp), their templates beside the others."""

from vendorrisk.review import (  # noqa: F401  (routes register on the assessments blueprint)
    audit_views,
    export_views,
    finding_views,
    queue_views,
    subject_labels,
    views,
)
