"""The `elderride` command line: one group, its commands in modules by what they work on."""

import sys

import click

# The commands register themselves on `cli` as their modules are imported.
from elderride.cli import backup, bench, data, evaluate, server, speech  # noqa: F401
from elderride.cli.group import cli

__all__ = ["cli", "main"]


def main() -> None:
    """Entry point that turns an unexpected database error into one clear line."""
    try:
        cli(prog_name="elderride")
    except Exception as error:  # pragma: no cover - last resort, never a traceback for a user
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
