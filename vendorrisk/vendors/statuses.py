"""Which vendor statuses a person may set, and why the others are refused (docs/rules.md,
"Status by hand").

A workflow status (under assessment, approved, conditionally approved, rejected,
terminated) is given only by a signed assessment decision or a settled end of contract:
no form, import or API call sets one. A vendor the company already uses enters as
"in use — not yet assessed", a gap until its first assessment is decided. Suspending it
does not close the gap: a vendor suspended while in use, not yet assessed, can only go
back to in use (or stay suspended) until a decision gives its status. Pure: no Flask, no
database; the refusal is returned as a code the services word.
"""

from enum import StrEnum

from vendorrisk.vendors.vocabulary import VendorStatus

WORKFLOW_STATUSES = frozenset({VendorStatus.UNDER_ASSESSMENT, VendorStatus.APPROVED,
                               VendorStatus.CONDITIONALLY_APPROVED, VendorStatus.REJECTED,
                               VendorStatus.TERMINATED})


class StatusRefusal(StrEnum):
    """Why a status chosen by a person is refused."""

    WORKFLOW = "workflow"  # only a decision or an end of contract gives it
    IN_USE_LATE = "in_use_late"  # only a new vendor or a prospect can be marked in use
    LEAVE_IN_USE = "leave_in_use"  # in use stays so until its assessment is decided
    LEAVE_SUSPENDED = "leave_suspended"  # suspended while in use: back to in use only


def status_refusal(before: VendorStatus | None, after: VendorStatus, *,
                   suspended_unassessed: bool = False) -> StatusRefusal | None:
    """Why a person may not move a vendor from ``before`` (None: a new vendor) to
    ``after``; None when the change is allowed (keeping the status always is).

    ``suspended_unassessed``: the vendor, suspended, was in use and not yet assessed
    when it was suspended, and no decision has been signed since (Vendor's column)."""
    if after == before:
        return None
    if after in WORKFLOW_STATUSES:
        return StatusRefusal.WORKFLOW
    if before == VendorStatus.SUSPENDED and suspended_unassessed:
        return (None if after == VendorStatus.IN_USE_UNASSESSED
                else StatusRefusal.LEAVE_SUSPENDED)
    if after == VendorStatus.IN_USE_UNASSESSED and before not in (None,
                                                                  VendorStatus.PROSPECT):
        return StatusRefusal.IN_USE_LATE
    if before == VendorStatus.IN_USE_UNASSESSED and after != VendorStatus.SUSPENDED:
        return StatusRefusal.LEAVE_IN_USE
    return None


def allowed_by_hand(before: VendorStatus | None, *, suspended_unassessed: bool = False
                    ) -> list[VendorStatus]:
    """The statuses a form offers for a vendor now in ``before`` (None: a new one)."""
    return [status for status in VendorStatus
            if status_refusal(before, status,
                              suspended_unassessed=suspended_unassessed) is None]


def suspended_unassessed_after(before: VendorStatus | None, after: VendorStatus,
                               suspended_unassessed: bool) -> bool:
    """The vendor's ``suspended_unassessed`` once a person moved it from ``before`` to
    ``after``: set by suspending a vendor in use, not yet assessed; kept while it stays
    suspended; cleared by any other status (a decision's included)."""
    if after != VendorStatus.SUSPENDED:
        return False
    return before == VendorStatus.IN_USE_UNASSESSED or (
        before == VendorStatus.SUSPENDED and suspended_unassessed)


def status_after_selection(status: VendorStatus, event: str, *,
                           other_selection_open: bool = False) -> VendorStatus | None:
    """The status a vendor's selection assessment gives it as it goes (docs/rules.md,
    "Status by hand"); None: the status stays. ``event`` is the assessment's (workflow.py).

    A prospect is under assessment once its selection is sent, through answering and
    review, until the signed decision gives its status. Cancelled before a decision, and
    no other selection under way (``other_selection_open``), it is a prospect again. An
    expired one stays under assessment (it can be extended). A vendor in use, not yet
    assessed, keeps that status, the gap, until its decision."""
    if event == "send" and status == VendorStatus.PROSPECT:
        return VendorStatus.UNDER_ASSESSMENT
    if (event == "cancel" and status == VendorStatus.UNDER_ASSESSMENT
            and not other_selection_open):
        return VendorStatus.PROSPECT
    return None
