"""`python -m elderride` runs the command line."""

from elderride.cli import main

# Guarded: speech worker processes start by "spawn", which imports this module again.
if __name__ == "__main__":
    main()
