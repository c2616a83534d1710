"""The states and kinds of incidents and individuals' requests."""

from enum import StrEnum

from vendorrisk.vendors.vocabulary import SUPERVISED, UNASSESSED, VendorStatus

# Vendors that hold our data: approved ones, suspended ones until they are ended, and
# those in use before their first assessment (issue 22: not supervised, but holding it).
HOLDING = frozenset({*SUPERVISED, *UNASSESSED, VendorStatus.SUSPENDED})


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class IncidentSource(StrEnum):
    VENDOR_LINK = "vendor_link"  # the consignee reported it through its link
    STAFF = "staff"  # recorded by the company (a phone call, an e-mail)


