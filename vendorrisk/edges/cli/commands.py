"""The all-in-one commands (``demo``, ``serve``) and registration of feature commands."""

from pathlib import Path

import click
from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask, current_app
from flask.cli import with_appcontext
from flask_migrate import upgrade
from sqlalchemy import func, select
from werkzeug.serving import make_server

from vendorrisk.audit.cli import audit_cli
from vendorrisk.auth.cli import users_cli
from vendorrisk.auth.models import User
from vendorrisk.edges.cli.backup import BackupError, backup, restore
from vendorrisk.edges.cli.demo import DEMO_PASSWORD, run_demo
from vendorrisk.edges.scheduler.cli import scheduler_cli
from vendorrisk.edges.scheduler.wiring import configure
from vendorrisk.foundation.clock import utcnow
from vendorrisk.foundation.config import Config
from vendorrisk.foundation.extensions import db
from vendorrisk.notifications.cli import notifications_cli
from vendorrisk.review.cli import assessments_cli
from vendorrisk.standards.cli import standards_cli


def register_commands(app: Flask) -> None:
    """Attach every command group to the app's CLI."""
    app.cli.add_command(demo_command)
    app.cli.add_command(serve_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(standards_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(assessments_cli)
    app.cli.add_command(scheduler_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)


@click.command("backup")
@click.argument("destination", type=click.Path(path_type=Path))
@with_appcontext
def backup_command(destination: Path) -> None:
    """Copy the database and the uploads into DESTINATION (a new folder), with a
    manifest of SHA-256 hashes."""
    try:
        manifest = backup(destination, now=utcnow())
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up the {manifest['database']['kind']} database "
               f"({manifest['database']['size']} bytes) and {len(manifest['uploads'])} "
               f"uploaded files to {destination}")
    if manifest["uploads_bucket"]:
        click.echo(f"Uploads stay in the bucket {manifest['uploads_bucket']} (not copied).")


@click.command("restore")
@click.argument("source", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--replace", is_flag=True, help="Overwrite a database that holds data.")
@with_appcontext
def restore_command(source: Path, replace: bool) -> None:
    """Check every file of the backup in SOURCE against its hash, then restore the
    database and the uploads."""
    try:
        manifest = restore(source, replace=replace)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Restored the backup of {manifest['created_at']} (schema "
               f"{manifest['revision']}) and {len(manifest['uploads'])} uploaded files")


def _follow_address(host: str, port: int) -> None:
    """Links in e-mails point at the address being served, unless BASE_URL was set."""
    if current_app.config["BASE_URL"] == Config.BASE_URL:
        current_app.config["BASE_URL"] = f"http://{host}:{port}"


def _prepare_database() -> None:
    """Create the instance folder and bring the schema to the newest migration."""
    Path(current_app.instance_path).mkdir(parents=True, exist_ok=True)
    upgrade()


def _run_server(host: str, port: int, *, scheduler: bool = True) -> None:
    """Serve web pages in this process, with the scheduler in the background (one
    process only: never under gunicorn)."""
    url = f"http://{host}:{port}/"
    if current_app.config.get("SECRET_KEY_GENERATED"):
        click.echo("No VENDORRISK_SECRET_KEY set: logins last until this process stops.")
    click.echo(f"vendorrisk is running at {url}  (Ctrl+C stops it)")
    # Not app.run(): Flask ignores it inside a CLI command. No reloader, no debugger:
    # either would run the scheduler twice or expose a console.
    app = current_app._get_current_object()
    server = make_server(host, port, app, threaded=True)
    background = configure(BackgroundScheduler(timezone="UTC"), app) if scheduler else None
    if background is not None:
        background.start()
        click.echo("Scheduler running in this process (daily sweep now and at "
                   f"{app.config['SCHEDULER_DAILY_AT']} UTC).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        if background is not None:
            background.shutdown(wait=False)
        server.server_close()


host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Address to listen on.")
scheduler_option = click.option("--no-scheduler", is_flag=True,
                                help="Do not run the scheduled jobs in this process.")
port_option = click.option("--port", default=5000, show_default=True, type=int,
                           help="Port to listen on.")


@click.command("demo")
@host_option
@port_option
@click.option("--no-serve", is_flag=True, help="Load the demo data and exit.")
@scheduler_option
@with_appcontext
def demo_command(host: str, port: int, no_serve: bool, no_scheduler: bool) -> None:
    """Create the database, load demo data (one user per role) and serve it."""
    _follow_address(host, port)
    _prepare_database()
    demo = run_demo(now=utcnow())
    click.echo(f"Database: {db.engine.url.render_as_string(hide_password=True)}")
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for email, roles, language in demo.logins:
        click.echo(f"  {email:<28} {', '.join(roles):<14} interface in {language}")
    if demo.portal_link:
        click.echo("Vendor portal (no login; a new link each run, the last one stops working):")
        click.echo(f"  {demo.portal_link}")
    if not no_serve:
        _run_server(host, port, scheduler=not no_scheduler)


@click.command("serve")
@host_option
@port_option
@scheduler_option
@with_appcontext
def serve_command(host: str, port: int, no_scheduler: bool) -> None:
    """Migrate the database and serve the product in one process."""
    _follow_address(host, port)
    _prepare_database()
    if not db.session.scalar(select(func.count()).select_from(User)):
        click.echo(
            "No users yet. Create the first administrator with:\n"
            "  vendorrisk users create admin@example.com --name 'Your Name' --role admin"
        )
    _run_server(host, port, scheduler=not no_scheduler)
