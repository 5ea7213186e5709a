"""Commands that copy the database while it serves, and put a copy back."""

import click

from elderride.cli import common
from elderride.cli.group import cli
from elderride.store.backup import BackupError, backup, restore
from elderride.store.in_use import InUse


@cli.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False))
def backup_command(destination: str) -> None:
    """Copy the database to DESTINATION while the service keeps running (SQLite's online backup).

    The copy is the database as of one moment, checked with integrity_check before it
    replaces DESTINATION. Run it nightly from cron, a dated file each night.

    Example:

        elderride backup /var/backups/elderride/$(date +%F).db
    """
    app = common.build_app()
    try:
        copied = backup(app.config["DATABASE"], destination)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Backed up {copied['bookings']} bookings ({copied['bytes']} bytes) to {copied['path']}."
    )


@cli.command("restore")
@click.argument("source", type=click.Path(dir_okay=False))
def restore_command(source: str) -> None:
    """Replace the database with the backup SOURCE; stop the server and worker first.

    The current database is first copied beside itself as <name>.before-restore-<UTC time>;
    a file that is not a sound elderride database is refused before anything is touched, and
    so is a restore while `elderride serve`, `elderride worker` or any other program (the
    sqlite3 shell, a backup) has the database open. While it runs, neither can start.

    Example:

        elderride restore /var/backups/elderride/2026-11-23.db
    """
    app = common.build_app()
    try:
        restored = restore(source, app.config["DATABASE"])
    except (BackupError, InUse) as error:
        raise click.ClickException(str(error)) from None
    common.build_app()  # brings the restored schema up to date
    if restored["kept"]:
        click.echo(f"The database it replaced is kept at {restored['kept']}.")
    click.echo(
        f"Restored {restored['bookings']} bookings from {source} into {app.config['DATABASE']}."
    )
