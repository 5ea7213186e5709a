"""Where the shipped folders (templates, static, voice) live at run time."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return the folder `name`: the packaged copy when installed, the repository's in a
    checkout."""
    packaged = PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    # A checkout or an editable install: the folder sits beside the package.
    checkout = PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"elderride is missing its {name}/ folder (looked in {packaged} and {checkout})"
    )
