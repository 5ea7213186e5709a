"""The `elderride` command group, which each command module registers its commands on."""

import click


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="elderride")
def cli() -> None:
    """elderride: rides for older people, booked from a large-font page or by phone.

    Example:

        elderride serve --demo
    """
