"""The assessment state machine."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vendorrisk.assessments.workflow import (
    EDITABLE,
    FINAL,
    READABLE,
    REVIEWABLE,
    SIGNED,
    TRANSITIONS,
    Event,
    IllegalTransition,
    State,
    allowed_events,
    next_state,
)


def test_the_happy_path():
    state = State.DRAFT
    for event in (Event.SEND, Event.START, Event.SUBMIT, Event.REVIEW, Event.PROPOSE,
                  Event.DECIDE):
        state = next_state(state, event)
    assert state == State.DECIDED


def test_two_signatures_pass_through_awaiting_approval():
    state = next_state(State.PROPOSED, Event.SIGN)
    assert state == State.AWAITING_APPROVAL
    assert next_state(state, Event.DECIDE) == State.DECIDED


def test_a_proposal_goes_back_to_review_when_withdrawn_or_declined():
    assert next_state(State.PROPOSED, Event.WITHDRAW) == State.IN_REVIEW
    assert next_state(State.AWAITING_APPROVAL, Event.DECLINE) == State.IN_REVIEW


def test_nothing_is_decided_without_a_proposal():
    for state in (State.SUBMITTED, State.IN_REVIEW):
        with pytest.raises(IllegalTransition):
            next_state(state, Event.DECIDE)


def test_signed_states_allow_no_review_change():
    assert SIGNED.isdisjoint(REVIEWABLE)
    assert SIGNED <= READABLE


ILLEGAL = [(state, event) for state in State for event in Event
           if (state, event) not in TRANSITIONS]


@pytest.mark.parametrize(("state", "event"), ILLEGAL)
def test_every_illegal_transition_is_refused(state, event):
    with pytest.raises(IllegalTransition):
        next_state(state, event)


def test_return_for_revision_and_resubmit():
    state = next_state(State.IN_REVIEW, Event.RETURN)
    assert state == State.RETURNED
    assert state in EDITABLE
    assert next_state(state, Event.SUBMIT) == State.SUBMITTED


def test_expiry_and_extension():
    assert next_state(State.IN_PROGRESS, Event.EXPIRE) == State.EXPIRED
    assert next_state(State.EXPIRED, Event.EXTEND) == State.SENT


@pytest.mark.parametrize(("state", "event"), [
    (State.DRAFT, Event.SUBMIT), (State.SUBMITTED, Event.START),
    (State.DECIDED, Event.RETURN), (State.CANCELLED, Event.SEND),
    (State.SUBMITTED, Event.SUBMIT), (State.DECIDED, Event.CANCEL),
])
def test_illegal_transitions_say_what_was_refused(state, event):
    with pytest.raises(IllegalTransition, match=f"cannot {event.value} an assessment that is "
                                                f"{state.value}"):
        next_state(state, event)


def test_final_states_allow_nothing():
    for state in FINAL:
        assert allowed_events(state) == []


@given(st.lists(st.sampled_from(list(Event)), max_size=20))
def test_any_event_sequence_stays_within_the_states(events):
    state = State.DRAFT
    for event in events:
        try:
            state = next_state(state, event)
        except IllegalTransition:
            assert (state, event) not in TRANSITIONS
        assert state in set(State)
