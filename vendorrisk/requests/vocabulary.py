"""The kinds and states of individuals' requests and of each consignee's task."""

from enum import StrEnum


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
