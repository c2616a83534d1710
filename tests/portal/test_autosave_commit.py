"""An autosave answers from what it wrote: nothing is read after its commit, so a
connection lost at that moment cannot turn a saved answer into a 500 (issue 28,
finding 3)."""

from contextlib import contextmanager

from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from tests.portal.conftest import create_and_send, csrf_of, link_in
from vendorrisk.assessments.models import Answer
from vendorrisk.foundation.extensions import db


@contextmanager
def after_commit(app, on_statement):
    """Call ``on_statement(statement)`` for every statement sent after a commit."""
    with app.app_context():
        engine = db.engine
    committed = []

    def commit(conn):  # noqa: ANN001, ANN202
        committed.append(True)

    def execute(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        if committed:
            on_statement(statement)

    event.listen(engine, "commit", commit)
    event.listen(engine, "before_cursor_execute", execute)
    try:
        yield committed
    finally:
        event.remove(engine, "before_cursor_execute", execute)
        event.remove(engine, "commit", commit)


def _autosave(app, client, auth, smtp_server, vendor):
    create_and_send(client, auth, vendor)
    link = link_in(smtp_server.messages[0])
    respondent = app.test_client()
    token = csrf_of(respondent, link)
    return lambda: respondent.post(f"{link}/autosave", data={
        "section": "d1", "present-d1_uses_subs": "1", "q-d1_uses_subs": "yes",
        "csrf_token": token})


def test_autosave_reads_nothing_after_its_commit(app, client, auth, smtp_server,
                                                 vendor_with_contact):
    save = _autosave(app, client, auth, smtp_server, vendor_with_contact)
    late: list[str] = []
    with after_commit(app, late.append) as committed:
        response = save()
    assert response.status_code == 200
    assert committed
    assert late == []


def test_a_connection_lost_after_the_commit_still_answers_saved(
        app, client, auth, smtp_server, vendor_with_contact):
    save = _autosave(app, client, auth, smtp_server, vendor_with_contact)

    def lost(statement: str) -> None:
        raise OperationalError(statement, {}, ConnectionResetError("connection lost"))

    with after_commit(app, lost):
        response = save()
    assert response.status_code == 200
    assert response.json["saved"] == {"d1_uses_subs": 1}
    assert "d1_sub_approval" in response.json["shown"]
    assert response.json["pending"] == []
    with app.app_context():
        answer = db.session.scalar(select(Answer).where(Answer.question_id == "d1_uses_subs"))
        assert (answer.value, answer.version) == ("yes", 1)
