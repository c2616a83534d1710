"""The audit log's head anchored outside the database (issue 25, R21): deleting the
newest rows leaves a chain that still holds, and ``audit verify`` finds the cut against
the anchors in the upload storage or one an auditor kept from the weekly e-mail."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import func, select, text

from tests.audit.test_audit_log import append_only_guard_lifted
from vendorrisk.audit.anchors import ANCHORS, stored_anchors
from vendorrisk.audit.chain import Anchor, anchor_problem
from vendorrisk.audit.models import AuditEvent
from vendorrisk.audit.services import record
from vendorrisk.auth.models import Role
from vendorrisk.foundation.extensions import db
from vendorrisk.foundation.storage import storage
from vendorrisk.supervision.runner import run_job

MONDAY = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)  # 09:00 in Tokyo
HASH = "ab" * 32


def test_an_anchor_line_reads_back_as_written():
    anchor = Anchor(42, HASH, MONDAY)
    assert Anchor.parse(anchor.line()) == anchor
    assert Anchor.given(f"42:{HASH.upper()}") == Anchor(42, HASH)


@pytest.mark.parametrize("given", ["", "42", f"x:{HASH}", "42:abc", f"0:{HASH}",
                                   f"42:{'g' * 64}"])
def test_a_malformed_anchor_is_refused_with_the_form_it_should_have(given):
    with pytest.raises(ValueError, match="SEQUENCE:HASH|SHA-256"):
        Anchor.given(given)


@pytest.mark.parametrize("line", ["{}", "not json", '{"seq": "x", "hash": "y"}', "[]"])
def test_a_damaged_anchors_file_line_is_named(line):
    with pytest.raises(ValueError, match="not an audit anchor"):
        Anchor.parse(line)


def test_the_anchor_problem_says_cut_short_or_rewritten_or_nothing():
    anchor = Anchor(10, HASH, MONDAY)
    assert anchor_problem(anchor, HASH, 10) is None
    assert anchor_problem(anchor, HASH, 12) is None  # the log went on since
    cut = anchor_problem(anchor, None, 5)
    assert cut.startswith("cut short: the log ends at sequence 5, but on 2027-03-01 00:00 UTC "
                          "it had reached sequence 10")
    assert "rows after sequence 5 are missing" in cut
    assert anchor_problem(anchor, "cd" * 32, 10).startswith(
        "rewritten: sequence 10 no longer has the hash anchored on 2027-03-01 00:00 UTC")


def _events(count: int) -> None:
    for number in range(count):
        record("thing.done", actor=None, object_type="thing", object_id=number,
               now=MONDAY, details={})
    db.session.commit()


def _delete_newest(count: int) -> None:
    """As someone with direct database access: the newest rows go, the chain still holds."""
    if db.engine.dialect.name == "sqlite":
        db.session.execute(text("DROP TRIGGER audit_events_no_delete"))
        db.session.execute(text("DELETE FROM audit_events WHERE seq > (SELECT MAX(seq) "
                                "FROM audit_events) - :count"), {"count": count})
    else:
        with append_only_guard_lifted():
            db.session.execute(text("DELETE FROM audit_events WHERE seq > (SELECT MAX(seq) "
                                    "FROM audit_events) - :count"), {"count": count})
    db.session.commit()


def test_deleting_the_newest_rows_is_found_against_the_anchor(app, runner):
    with app.app_context():
        _events(20)
        assert run_job("audit_anchor", MONDAY).counts["audit_anchored"] == 1
        assert stored_anchors() == [Anchor(20, db.session.scalar(
            select(AuditEvent.hash).where(AuditEvent.seq == 20)), MONDAY)]
    intact = runner.invoke(args=["audit", "verify"])
    assert intact.exit_code == 0, intact.output
    assert "Audit log intact: 20 rows, hash chain verified." in intact.output
    assert "Anchors: 1 checked, the log reaches each (newest: sequence 20 of " \
           "2027-03-01 00:00 UTC)." in intact.output

    with app.app_context():
        _delete_newest(5)
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 15
    cut = runner.invoke(args=["audit", "verify"])
    assert cut.exit_code == 1
    assert ("Audit log cut short: the log ends at sequence 15, but on 2027-03-01 00:00 UTC "
            "it had reached sequence 20") in cut.output
    assert "the rows after sequence 15 are missing" in cut.output


def test_an_anchor_kept_from_the_e_mail_finds_the_cut_when_the_stored_ones_are_gone(
        app, runner):
    with app.app_context():
        _events(8)
        head = db.session.scalar(select(AuditEvent.hash).where(AuditEvent.seq == 8))
        _delete_newest(3)
        storage().write_named(ANCHORS, b"")  # the stored anchors emptied too
    alone = runner.invoke(args=["audit", "verify"])
    assert alone.exit_code == 0  # nothing to compare with: the cut goes unseen ...
    assert "No anchor to check against yet" in alone.output
    kept = runner.invoke(args=["audit", "verify", "--anchor", f"8:{head}"])
    assert kept.exit_code == 1  # ... until an auditor's copy is given
    assert "cut short: the log ends at sequence 5, but it had reached sequence 8" in kept.output


def test_rows_cut_and_written_again_to_the_same_length_are_found_rewritten(app, runner):
    with app.app_context():
        _events(6)
        run_job("audit_anchor", MONDAY)
        _delete_newest(2)
        _events(2)  # a chain that holds again, as long as before, with other rows
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "Audit log rewritten: sequence 6 no longer has the hash anchored" in result.output


def test_a_malformed_anchor_on_the_command_line_changes_nothing_and_says_why(runner):
    result = runner.invoke(args=["audit", "verify", "--anchor", "12"])
    assert result.exit_code == 2
    assert "'12' is not SEQUENCE:HASH" in result.output


def test_the_head_is_anchored_when_it_moved_and_mailed_to_auditors_once_a_week(
        app, make_user, smtp_server):
    auditor = make_user(Role.AUDITOR, email="auditor@example.com")
    make_user(Role.REVIEWER, email="reviewer@example.com")
    counts = []
    with app.app_context():
        for day in range(21):  # three weeks, Monday 1 March to Sunday 21 March
            now = MONDAY + timedelta(days=day)
            with time_machine.travel(now, tick=False):
                if day % 3 == 0:
                    _events(1)  # the log moves every third day
                counts.append(run_job("audit_anchor", now).counts)
                run_job("outbox", now)
        anchors = stored_anchors()
    assert sum(1 for count in counts if count.get("audit_anchored")) == 7 == len(anchors)
    assert [seq for seq in (a.seq for a in anchors)] == sorted(a.seq for a in anchors)
    mailed = [message for message in smtp_server.messages]
    assert [m["To"] for m in mailed] == [auditor.email] * 3  # weeks 9, 10 and 11 of 2027
    assert [day for day, count in enumerate(counts) if count.get("audit_anchor_mailed")] == [
        0, 7, 14]
    # Monday 15 March's run mails the newest anchor then: the one of Saturday 13 March
    body = mailed[-1].get_body(("plain",)).get_content()
    then = anchors[4]
    assert then.at == MONDAY + timedelta(days=12)
    assert f"vendorrisk audit verify --anchor {then.seq}:{then.hash}" in body
    assert mailed[-1]["Subject"] == f"Audit log anchor: sequence {then.seq}"


def test_an_empty_log_anchors_and_mails_nothing(app, smtp_server):
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == 0
        assert run_job("audit_anchor", MONDAY).counts == {}
        assert stored_anchors() == []


def test_a_damaged_anchors_file_is_named_with_its_line(app, runner):
    with app.app_context():
        _events(3)
        run_job("audit_anchor", MONDAY)
        good = storage().read_named(ANCHORS)
        storage().write_named(ANCHORS, good + b"{not an anchor}\n")
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert "The stored anchors cannot be read (audit-anchors.jsonl, line 2: not an audit " \
           "anchor" in result.output
    assert "the hash chain itself is intact" in result.output
