"""What the phone line says, read from voice/prompts/<language>.toml."""

import functools
import tomllib

from elderride.resources import resource_dir


@functools.cache
def prompts(language: str) -> dict[str, str]:
    """Return the prompts of `language` (English when the language has none)."""
    path = resource_dir("voice") / "prompts" / f"{language}.toml"
    if not path.exists():
        path = resource_dir("voice") / "prompts" / "en.toml"
    with open(path, "rb") as file:
        return tomllib.load(file)
