"""Configuration: defaults, then instance/config.py, then ELDERRIDE_* variables, then test
overrides."""

import math
import os
import re
import secrets
import tomllib
import zoneinfo
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from elderride.store.files import private_folder

KINDS: dict[str, type] = {"text": str, "int": int, "float": float, "bool": bool}


@dataclass(frozen=True)
class Setting:
    """One setting a deployment may change: its name, type, default and meaning."""

    name: str
    kind: type
    default: object
    meaning: str
    # The range a number must lie in (both ends kept); None: any.
    minimum: float | None = None
    maximum: float | None = None

    def read(self, raw: str) -> object:
        """Return the environment's text `raw` as this setting's type."""
        if self.kind is bool:
            return raw.strip().lower() in ("1", "true", "yes", "on")
        return self.kind(raw)


def _declared() -> dict[str, Setting]:
    """Return the settings declared in settings.toml, in its order."""
    table = tomllib.loads((Path(__file__).parent / "settings.toml").read_text(encoding="utf-8"))
    return {
        name: Setting(
            name,
            KINDS[entry["type"]],
            entry.get("default"),
            entry["meaning"],
            entry.get("minimum"),
            entry.get("maximum"),
        )
        for name, entry in table.items()
    }


# Every setting a deployment may change; an environment variable ELDERRIDE_<NAME> sets <NAME>.
SETTINGS = _declared()
DEFAULTS = {name: setting.default for name, setting in SETTINGS.items()}


def configuration_table() -> str:
    """Return the README's configuration table: every setting with its meaning, in declared
    order."""
    rows = ["| variable | meaning |", "| --- | --- |"]
    rows += [f"| `ELDERRIDE_{s.name}` | {s.meaning} |" for s in SETTINGS.values()]
    return "\n".join(rows) + "\n"


def check_ranges(config: Mapping[str, Any]) -> None:
    """Raise ValueError, naming the setting, for a number outside its declared range (NaN
    included): a setting that cannot be kept stops the start, not the first call it matters to."""
    for setting in SETTINGS.values():
        value = config.get(setting.name)
        if setting.minimum is None or value is None or isinstance(value, bool):
            continue
        if not (math.isfinite(value) and setting.minimum <= value <= (setting.maximum or math.inf)):
            bounds = (
                f"from {setting.minimum:g} to {setting.maximum:g}"
                if setting.maximum is not None
                else f"at least {setting.minimum:g}"
            )
            raise ValueError(f"ELDERRIDE_{setting.name} must be {bounds}, not {value!r}")


def map_tiles_origin(config: Mapping[str, Any]) -> str | None:
    """Return the origin map tiles come from (None without ELDERRIDE_MAP_TILES), refusing a template
    a browser cannot fill in."""
    template = config.get("MAP_TILES")
    if not template:
        return None
    parts = urlsplit(str(template))
    placeholders = all(name in str(template) for name in ("{z}", "{x}", "{y}"))
    # The origin goes into the pages' Content-Security-Policy: a host and port, nothing more.
    plain_host = re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?", parts.netloc) is not None
    if parts.scheme not in ("http", "https") or not plain_host or not placeholders:
        raise ValueError(
            "ELDERRIDE_MAP_TILES must look like https://tiles.example.org/{z}/{x}/{y}.png"
        )
    return f"{parts.scheme}://{parts.netloc}"


def check_centers(config: Mapping[str, Any]) -> None:
    """Raise ValueError when the two dispatch centers share a key: each token and each signing
    secret must say which center it is."""
    for name in ("API_TOKEN", "WEBHOOK_SECRET"):
        overflow = "OVERFLOW_SECRET" if name == "WEBHOOK_SECRET" else "OVERFLOW_API_TOKEN"
        mine, theirs = config.get(f"DISPATCH_{name}"), config.get(f"DISPATCH_{overflow}")
        if mine and theirs and set(str(mine).split()) & set(str(theirs).split()):
            raise ValueError(
                f"ELDERRIDE_DISPATCH_{overflow} must differ from ELDERRIDE_DISPATCH_{name}: each "
                "dispatch center has its own"
            )


def from_environment(environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Return the settings given as ELDERRIDE_* environment variables."""
    found: dict[str, Any] = {}
    for name, setting in SETTINGS.items():
        raw = environ.get(f"ELDERRIDE_{name}")
        if raw not in (None, ""):
            found[name] = setting.read(raw)
    return found


def secret_key(instance_path: str | os.PathLike[str]) -> str:
    """Return the secret key kept in the instance folder, generating it on first use."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    private_folder(path.parent)
    key = secrets.token_hex(32)
    # Owner-only from the start: the key signs every session and device link.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(key)
    return key


# The center's time zone as `elderride create-staff` asked for it, kept in the instance folder.
TIME_ZONE_FILE = "timezone"


def kept_at_setup(instance_path: str | os.PathLike[str]) -> dict[str, str]:
    """Return the settings set-up asked for and kept in the instance folder (the center's time
    zone), to sit under config.py and the environment."""
    path = Path(instance_path) / TIME_ZONE_FILE
    if not path.is_file():
        return {}
    return {"TIMEZONE": path.read_text(encoding="utf-8").strip()}


def keep_time_zone(instance_path: str | os.PathLike[str], name: str | None) -> str:
    """Keep the center's time zone in the instance folder and return it, or raise ValueError for a
    name that is not a time zone."""
    name = time_zone(name)
    path = Path(instance_path) / TIME_ZONE_FILE
    private_folder(path.parent)
    path.write_text(name + "\n", encoding="utf-8")
    return name


def finish(config: MutableMapping[str, Any], instance_path: str | os.PathLike[str]) -> None:
    """Fill in the settings whose defaults depend on the instance folder."""
    if not config.get("DATABASE"):
        config["DATABASE"] = str(Path(instance_path) / "elderride.db")
    if config["DATABASE"] != ":memory:":
        # One name for one file, whatever link it was given by: SQLite keeps its -wal beside the
        # real file, and a restore must replace the file, not a link to it.
        config["DATABASE"] = os.path.realpath(config["DATABASE"])
    if not config.get("RECORDINGS"):
        config["RECORDINGS"] = str(Path(instance_path) / "recordings")
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = secret_key(instance_path)
    config["TIMEZONE"] = time_zone(config.get("TIMEZONE"))


def time_zone(name: str | None) -> str:
    """Return `name` if it is an IANA time zone this machine knows, else raise ValueError."""
    name = (name or "UTC").strip()
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # A typo would otherwise show every console time in the wrong zone without a word.
        raise ValueError(
            f"ELDERRIDE_TIMEZONE={name!r} is not a time zone; use an IANA name such as "
            "'America/New_York' or 'Asia/Shanghai'."
        ) from None
    return name


def allowed_regions(config: Mapping[str, Any]) -> frozenset[str]:
    """Return the regions a senior's or contact's number may be in."""
    listed = config.get("ALLOWED_REGIONS") or config.get("DEFAULT_REGION") or "US"
    if isinstance(listed, str):
        listed = listed.split(",")
    regions = {region.strip().upper() for region in listed if region.strip()}
    if config.get("DEMO"):
        from elderride.services.demo import DEMO_REGIONS

        regions.update(DEMO_REGIONS)
    return frozenset(regions)


def typing_region(config: Mapping[str, Any], language: str) -> str:
    """Return the region a number typed without a country code is read in, for a senior speaking
    `language`: its own region when numbers may be there (138 0000 0009 for 王秀英 is Chinese),
    else DEFAULT_REGION."""
    from elderride.languages import LANGUAGES

    spoken = LANGUAGES.get(language)
    if spoken is not None and spoken.region in allowed_regions(config):
        return spoken.region
    return config.get("DEFAULT_REGION") or "US"
