"""``vendorrisk users ...``: account administration from the shell."""

from collections.abc import Callable
from typing import TypeVar

import click
from flask.cli import with_appcontext

from vendorrisk.auth.models import Language, Role, User
from vendorrisk.auth.services import create_user, find_user_by_email, set_active, set_password
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.errors import DomainError
from vendorrisk.foundation.extensions import db


@click.group("users")
def users_cli() -> None:
    """Create users, set passwords, disable accounts."""


def _user(email: str) -> User:
    user = find_user_by_email(email)
    if user is None:
        raise click.ClickException(f"No user with e-mail {email}.")
    return user


T = TypeVar("T")


def _commit_or_fail(action: Callable[[], T]) -> T:
    try:
        result = action()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    return result


password_option = click.option(
    "--password", prompt=True, hide_input=True, confirmation_prompt=True,
    help="At least 12 characters, not the e-mail address (asked for if not given).",
)


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The person's name.")
@click.option("--role", "roles", multiple=True, required=True,
              type=click.Choice([role.value for role in Role]), help="Repeat for several.")
@click.option("--language", default=Language.EN.value, show_default=True,
              type=click.Choice([lang.value for lang in Language]))
@password_option
@with_appcontext
def create_command(email: str, name: str, roles: tuple[str, ...], language: str,
                   password: str) -> None:
    """Create a user holding the given roles."""
    user = _commit_or_fail(lambda: create_user(
        email=email, name=name, password=password, roles=roles, language=language,
        actor=None, now=utcnow(),
    ))
    click.echo(f"Created user {user.email} with roles {', '.join(sorted(roles))}.")


@users_cli.command("set-password")
@click.argument("email")
@password_option
@with_appcontext
def set_password_command(email: str, password: str) -> None:
    """Set a user's password (their open sessions end)."""
    user = _user(email)
    _commit_or_fail(lambda: set_password(user, password, actor=None, now=utcnow()))
    click.echo(f"Password of {user.email} set.")


@users_cli.command("disable")
@click.argument("email")
@with_appcontext
def disable_command(email: str) -> None:
    """Disable a user: they can no longer log in and their sessions end."""
    user = _user(email)
    _commit_or_fail(lambda: set_active(user, False, actor=None, now=utcnow()))
    click.echo(f"User {user.email} disabled.")
