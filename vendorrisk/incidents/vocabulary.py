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


