"""``vendorrisk users ...`` from the shell: the same rules and messages as the web pages."""

from sqlalchemy import select

from tests.helpers import table_snapshot
from vendorrisk.auth.models import Role, User
from vendorrisk.foundation.extensions import db


def _create(runner, *args, password="a long enough password"):
    return runner.invoke(args=["users", "create", *args, "--password", password])


def test_create_user_from_the_shell(app, runner):
    result = _create(runner, "ops@example.com", "--name", "Ops", "--role", "admin",
                     "--role", "auditor")
    assert result.exit_code == 0, result.output
    assert "Created user ops@example.com with roles admin, auditor." in result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "ops@example.com"))
        assert user.roles == {Role.ADMIN, Role.AUDITOR}


def test_create_asks_for_the_password_twice_when_not_given(app, runner):
    result = runner.invoke(
        args=["users", "create", "ops@example.com", "--name", "Ops", "--role", "admin"],
        input="a long enough password\na long enough password\n",
    )
    assert result.exit_code == 0, result.output


def test_bad_cli_input_gets_a_message_and_changes_nothing(app, runner, make_user):
    make_user(email="taken@example.com")
    cases = [
        ((["bad-address", "--name", "X", "--role", "admin"], "short password 1"),
         "This is not a valid e-mail address"),
        ((["ok@example.com", "--name", "X", "--role", "admin"], "short"),
         "Use at least 12 characters."),
        ((["taken@example.com", "--name", "X", "--role", "admin"], "a long enough password"),
         "already exists"),
        ((["ok@example.com", "--name", "X", "--role", "king"], "a long enough password"),
         "'king' is not one of"),
    ]
    with app.app_context():
        before = table_snapshot()
    for (args, password), message in cases:
        result = _create(runner, *args, password=password)
        assert result.exit_code != 0
        assert message in result.output, result.output
    with app.app_context():
        assert table_snapshot() == before


def test_set_password_and_disable(app, runner, make_user):
    user = make_user(email="someone@example.com")
    result = runner.invoke(args=["users", "set-password", "someone@example.com",
                                 "--password", "another long password"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["users", "disable", "someone@example.com"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.get(User, user.id).active is False


def test_unknown_user_is_named(runner):
    result = runner.invoke(args=["users", "disable", "ghost@example.com"])
    assert result.exit_code == 1
    assert "No user with e-mail ghost@example.com." in result.output
