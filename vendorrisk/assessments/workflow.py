"""The assessment lifecycle as a pure state machine (DESIGN.md §1).

    draft → sent → in_progress → submitted → in_review → proposed ─(sign)→ awaiting_approval
                        ↑             │           │  ↑  withdraw  │    ↑ decline  │
                        └── returned ←┴───────────┘  └────────────┘────┘          │
                                                      proposed ─(decide)→ decided ←┘
    any open state → cancelled;  sent / in_progress / returned → expired → sent (extended)

A proposal needing only the reviewer's signature is decided by it; one needing an
approver's second signature waits in ``awaiting_approval`` (docs/rules.md, issue 6).
"""

from enum import StrEnum


class State(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    RETURNED = "returned"
    PROPOSED = "proposed"
    AWAITING_APPROVAL = "awaiting_approval"
    DECIDED = "decided"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class Event(StrEnum):
    SEND = "send"
    START = "start"  # the first answer saved
    SUBMIT = "submit"
    REVIEW = "review"
    RETURN = "return"
    PROPOSE = "propose"
    WITHDRAW = "withdraw"  # the reviewer takes the proposal back
    SIGN = "sign"  # the first of two signatures
    DECLINE = "decline"  # the approver refuses to sign and sends it back to review
    DECIDE = "decide"  # the last signature
    CANCEL = "cancel"
    EXPIRE = "expire"
    EXTEND = "extend"


class IllegalTransition(ValueError):
    """The event is not allowed in the current state."""

    def __init__(self, state: State, event: Event) -> None:
        super().__init__(f"cannot {event.value} an assessment that is {state.value}")
        self.state, self.event = state, event


TRANSITIONS: dict[tuple[State, Event], State] = {
    (State.DRAFT, Event.SEND): State.SENT,
    (State.SENT, Event.START): State.IN_PROGRESS,
    (State.SENT, Event.SUBMIT): State.SUBMITTED,
    (State.IN_PROGRESS, Event.SUBMIT): State.SUBMITTED,
    (State.RETURNED, Event.START): State.IN_PROGRESS,
    (State.RETURNED, Event.SUBMIT): State.SUBMITTED,
    (State.SUBMITTED, Event.REVIEW): State.IN_REVIEW,
    (State.SUBMITTED, Event.RETURN): State.RETURNED,
    (State.IN_REVIEW, Event.RETURN): State.RETURNED,
    (State.IN_REVIEW, Event.PROPOSE): State.PROPOSED,
    (State.PROPOSED, Event.WITHDRAW): State.IN_REVIEW,
    (State.PROPOSED, Event.SIGN): State.AWAITING_APPROVAL,
    (State.PROPOSED, Event.DECIDE): State.DECIDED,
    (State.AWAITING_APPROVAL, Event.DECLINE): State.IN_REVIEW,
    (State.AWAITING_APPROVAL, Event.DECIDE): State.DECIDED,
    (State.SENT, Event.EXPIRE): State.EXPIRED,
    (State.IN_PROGRESS, Event.EXPIRE): State.EXPIRED,
    (State.RETURNED, Event.EXPIRE): State.EXPIRED,
    (State.EXPIRED, Event.EXTEND): State.SENT,
    **{(state, Event.CANCEL): State.CANCELLED
       for state in (State.DRAFT, State.SENT, State.IN_PROGRESS, State.SUBMITTED,
                     State.IN_REVIEW, State.RETURNED, State.EXPIRED, State.PROPOSED,
                     State.AWAITING_APPROVAL)},
}

# States in which the vendor may still change answers through the link.
EDITABLE = frozenset({State.SENT, State.IN_PROGRESS, State.RETURNED})
# States in which the link still opens, read-only.
READABLE = frozenset({State.SUBMITTED, State.IN_REVIEW, State.PROPOSED,
                      State.AWAITING_APPROVAL, State.DECIDED})
# States in which reviewers may mark answers, override points and record findings.
REVIEWABLE = frozenset({State.SUBMITTED, State.IN_REVIEW})
# Once signed (by one or by all), the assessment's content no longer changes.
SIGNED = frozenset({State.AWAITING_APPROVAL, State.DECIDED})
FINAL = frozenset({State.DECIDED, State.CANCELLED})


def next_state(state: State, event: Event) -> State:
    """The state after ``event``; IllegalTransition if the event is not allowed."""
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise IllegalTransition(state, event) from None


def allowed_events(state: State) -> list[Event]:
    """The events allowed in ``state``, in declaration order."""
    return [event for (origin, event) in TRANSITIONS if origin == state]


class Outcome(StrEnum):
    APPROVE = "approve"
    APPROVE_WITH_CONDITIONS = "approve_with_conditions"
    REJECT = "reject"
