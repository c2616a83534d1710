"""Display names for incidents, in both languages. Adding them
to the register's table lets ``|label``, ``choices`` and ``pairs`` use them."""

from flask_babel import lazy_gettext as _l

from vendorrisk.incidents.reportability import Reason
from vendorrisk.incidents.vocabulary import IncidentSource, IncidentStatus
from vendorrisk.vendors.labels import LABELS

LABELS.update({
    IncidentStatus: {IncidentStatus.OPEN: _l("Open"), IncidentStatus.CLOSED: _l("Closed")},
    IncidentSource: {IncidentSource.VENDOR_LINK: _l("Reported through the vendor's link"),
                     IncidentSource.STAFF: _l("Recorded by staff")},
    Reason: {
        Reason.SPECIAL_CARE: _l("Special-care-required data (Rules Art. 7(i)): reportable "
                                "even for one person"),
        Reason.FINANCIAL_DAMAGE: _l("Data that could be used for financial damage (Rules "
                                    "Art. 7(ii))"),
        Reason.WRONGFUL_PURPOSE: _l("Possibly a wrongful act (Rules Art. 7(iii)): final "
                                    "report within the longer period"),
        Reason.OVER_THRESHOLD: _l("More than 1,000 people possibly affected (Rules Art. "
                                  "7(iv))"),
    },
})
