"""Display names for individuals' requests, in both languages. Adding them to the
register's table lets ``|label``, ``choices`` and ``pairs`` use them."""

from flask_babel import lazy_gettext as _l

from vendorrisk.requests.vocabulary import RequestKind, RequestStatus, TaskOutcome
from vendorrisk.vendors.labels import LABELS

LABELS.update({
    RequestKind: {
        RequestKind.DISCLOSURE: _l("Disclosure"),
        RequestKind.CORRECTION: _l("Correction"),
        RequestKind.DELETION: _l("Deletion"),
        RequestKind.SUSPENSION: _l("Suspension of use"),
        RequestKind.STOP_THIRD_PARTY: _l("Stop of provision to third parties"),
    },
    RequestStatus: {RequestStatus.OPEN: _l("Waiting for consignees"),
                    RequestStatus.CLOSED: _l("Closed: every consignee answered")},
    TaskOutcome: {
        TaskOutcome.PENDING: _l("Not answered yet"),
        TaskOutcome.DONE: _l("Done"),
        TaskOutcome.NOT_HELD: _l("No data of this person held"),
        TaskOutcome.REFUSED: _l("Refused, with a reason"),
    },
})
