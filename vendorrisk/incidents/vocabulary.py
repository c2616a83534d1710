"""The states and kinds of incidents and individuals' requests."""

from enum import StrEnum

from vendorrisk.vendors.vocabulary import SUPERVISED, VendorStatus

# Vendors that hold our data: approved ones, and suspended ones until they are ended.
HOLDING = frozenset({*SUPERVISED, VendorStatus.SUSPENDED})


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class IncidentSource(StrEnum):
    VENDOR_LINK = "vendor_link"  # the consignee reported it through its link
    STAFF = "staff"  # recorded by the company (a phone call, an e-mail)


class RequestKind(StrEnum):
    """What an individual asks for (APPI Art. 33–35)."""

    DISCLOSURE = "disclosure"
    CORRECTION = "correction"
    DELETION = "deletion"
    SUSPENSION = "suspension"  # suspension of use
    STOP_THIRD_PARTY = "stop_third_party"  # stop of provision to third parties


class RequestStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # every consignee has answered


class TaskOutcome(StrEnum):
    PENDING = "pending"
    DONE = "done"
    NOT_HELD = "not_held"  # the consignee holds no data of this person
    REFUSED = "refused"  # with a reason


ANSWERED = frozenset({TaskOutcome.DONE, TaskOutcome.NOT_HELD, TaskOutcome.REFUSED})
