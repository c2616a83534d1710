"""The review of a submitted assessment: marks and overrides, findings and remediation,
exceptions asked for, the decision rules, sign-off, the signed record and its snapshot,
the work queues. Its pages are on the assessments blueprint (same URLs, same endpoint
names, templates in assessments/templates/assessments/)."""

from vendorrisk.review import (  # noqa: F401  (routes register on the assessments blueprint)
    export_views,
    finding_views,
    queue_views,
    subject_labels,
    views,
)
