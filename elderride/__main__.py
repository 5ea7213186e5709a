"""`python -m elderride` runs the command line."""

from elderride.cli import main

main()
