"""The `elderride` command line: one group, its commands in modules by what they work on."""

import sys

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="elderride")
def cli():
    """elderride: rides for older people, booked from a large-font page or by phone.

    Example:

        elderride serve --demo
    """


def main():
    """Entry point that turns an unexpected database error into one clear line."""
    try:
        cli(prog_name="elderride")
    except Exception as error:  # pragma: no cover - last resort, never a traceback for a user
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)


# The commands register themselves on `cli`.
from elderride.cli import bench, data, evaluate, server, speech  # noqa: E402,F401
