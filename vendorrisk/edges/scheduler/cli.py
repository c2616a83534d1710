"""`vendorrisk scheduler`: the jobs in their own process; `vendorrisk scheduler run JOB`
runs one job (or the daily sweep) once, e.g. from cron or to catch up by hand."""

import click
from apscheduler.schedulers.blocking import BlockingScheduler
from flask import current_app
from flask.cli import with_appcontext

from vendorrisk.edges.scheduler.wiring import configure
from vendorrisk.foundation.clock import utcnow
from vendorrisk.supervision.runner import JOBS, run_daily, run_job


@click.group("scheduler", invoke_without_command=True)
@click.pass_context
def scheduler_cli(context: click.Context) -> None:
    """Run the scheduled jobs (daily sweep and outbox) until stopped."""
    if context.invoked_subcommand is not None:
        return
    app = current_app._get_current_object()
    scheduler = configure(BlockingScheduler(timezone="UTC"), app)
    click.echo(f"Scheduler running: daily sweep at {app.config['SCHEDULER_DAILY_AT']} UTC "
               "(and now), outbox every "
               f"{app.config['SCHEDULER_OUTBOX_MINUTES']} min. Ctrl+C stops it.")
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        click.echo("Stopped.")


@scheduler_cli.command("run")
@click.argument("job", type=click.Choice(["daily", *JOBS]))
@with_appcontext
def run_command(job: str) -> None:
    """Run JOB once now and print what it did."""
    runs = run_daily(utcnow(), started_by="command line") if job == "daily" else [
        run_job(job, utcnow(), started_by="command line")]
    failed = False
    for run in runs:
        counts = ", ".join(f"{key} {value}" for key, value in sorted(run.counts.items()))
        click.echo(f"{run.job}: {run.outcome.value}" + (f" ({counts})" if counts else "")
                   + (f" — {run.error}" if run.error else ""))
        failed = failed or run.outcome.value == "failed"
    if failed:
        raise SystemExit(1)
