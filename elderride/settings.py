"""Configuration: defaults, then instance/config.py, then ELDERRIDE_* variables, then test
overrides."""

import os
import secrets
import zoneinfo
from pathlib import Path

from elderride.store.files import private_folder

# Every setting a deployment may change; an environment variable ELDERRIDE_<NAME> sets <NAME>.
DEFAULTS = {
    "DATABASE": None,  # default: <instance>/elderride.db
    "RECORDINGS": None,  # callers' recordings; default: <instance>/recordings
    "SECRET_KEY": None,  # default: generated once into <instance>/secret_key
    "PUBLIC_BASE_URL": None,
    "TWILIO_ACCOUNT_SID": None,
    "TWILIO_AUTH_TOKEN": None,
    "TWILIO_NUMBER": None,
    "TWILIO_API_BASE": "https://api.twilio.com",
    "OPERATOR_NUMBER": None,
    "DISPATCH_PHONE": None,  # shown on the senior page as "call the taxi center"
    "VOSK_MODEL": None,
    "DISPATCH_WEBHOOK_URL": None,
    "DISPATCH_WEBHOOK_SECRET": None,
    "DISPATCH_API_TOKEN": None,
    "DEFAULT_REGION": "US",  # how phone numbers typed without a country code are read
    "DEMO": False,
    "RUN_WORKER": False,  # run the outbox worker thread inside this process
    "WORKER_POLL_SECONDS": 0.5,
    "OUTBOX_LEASE_SECONDS": 60.0,  # a delivery claimed by a worker that died is retried after this
    # undelivered dispatch hand-offs older than this raise the console's alarm
    "DISPATCH_ALARM_SECONDS": 600.0,
    "RESET_LINK_SECONDS": 3600.0,  # how long a password reset link works
    "CONFIRM_LINK_SECONDS": 259200.0,  # how long a link confirming a new account's email works
    # family accounts one address may make in 24 hours (an office behind one address may need more)
    "SIGN_UPS_PER_ADDRESS": 3,
    "SPEECH_WORKERS": 2,  # Vosk worker processes in the web process's pool
    "SPEECH_TIMEOUT": 8.0,  # seconds one utterance may take before the caller gets the keys instead
    "MIN_FREE_MB": 200,  # /healthz fails when the database's disk has less free space than this
    "SMTP_URL": None,  # smtp://user:password@host:587?starttls=1 (or smtps://…): how mail leaves
    "MAIL_FROM": None,  # the sender of elderride's mail, e.g. "elderride <rides@example.org>"
    # reverse proxies in front of the app whose X-Forwarded-For/-Proto are believed
    "TRUSTED_PROXIES": 0,
    # comma-separated regions numbers may be in; default: DEFAULT_REGION (+ the demo's in demo mode)
    "ALLOWED_REGIONS": None,
    # believe calls that carry no STIR/SHAKEN attestation at all (a carrier that never signs)
    "UNSIGNED_CALLS_TRUSTED": False,
    # texts and calls per senior in 24 hours; more are held for the console
    "DAILY_MESSAGE_CAP": 30,
    # texts and calls to any one number in 24 hours, whichever seniors and accounts they are about
    "DAILY_RECIPIENT_CAP": 30,
    # the worker deletes delivered outbox entries and messages older than this (0: keep all)
    "KEEP_DAYS": 90.0,
    # vosk-server websocket recognizers (ws://host:2700, comma-separated) instead of local workers
    "VOSK_SERVER": None,
    # "stream": live audio over Media Streams; "record": a <Record> per answer.
    "SPEECH_MODE": "record",
    # where `elderride serve` listens for Twilio's media websocket (ws://, behind the proxy)
    "MEDIA_PORT": 5001,
    # live streams one Vosk worker holds; past that a step uses <Record>
    "SPEECH_STREAMS_PER_WORKER": 6,
    # how many hours before its pickup a recurring ride's occurrence becomes a booking
    "RECURRING_LEAD_HOURS": 18.0,
    # the local hour the evening-before reminder call for a recurring ride goes out
    "REMINDER_HOUR": 18,
    # how long a senior has to answer a no-show welfare call before the family is told
    "WELFARE_ANSWER_SECONDS": 180.0,
    # how often a worker looks for scheduled work (occurrences, reminders, welfare checks)
    "SCHEDULE_SECONDS": 20.0,
    # the dispatch center's IANA time zone: the console's times and its "today" are read in it
    "TIMEZONE": "UTC",
    # the number people dial, printed on key cards when it is not TWILIO_NUMBER (a forwarded line)
    "LINE_NUMBER": None,
}


def _coerce(name, raw):
    """Read an environment value as the type of its default (booleans and numbers; text
    otherwise)."""
    default = DEFAULTS.get(name)
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, float):
        return float(raw)
    if isinstance(default, int):
        return int(raw)
    return raw


def from_environment(environ=os.environ):
    """Return the settings given as ELDERRIDE_* environment variables."""
    found = {}
    for name in DEFAULTS:
        raw = environ.get(f"ELDERRIDE_{name}")
        if raw not in (None, ""):
            found[name] = _coerce(name, raw)
    return found


def secret_key(instance_path):
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


def finish(config, instance_path):
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


def time_zone(name):
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


def allowed_regions(config):
    """Return the regions a senior's or contact's number may be in."""
    listed = config.get("ALLOWED_REGIONS") or config.get("DEFAULT_REGION") or "US"
    if isinstance(listed, str):
        listed = listed.split(",")
    regions = {region.strip().upper() for region in listed if region.strip()}
    if config.get("DEMO"):
        from elderride.services.demo import DEMO_REGIONS

        regions.update(DEMO_REGIONS)
    return frozenset(regions)


def typing_region(config, language):
    """Return the region a number typed without a country code is read in, for a senior speaking
    `language`: its own region when numbers may be there (138 0000 0009 for 王秀英 is Chinese),
    else DEFAULT_REGION."""
    from elderride.languages import LANGUAGES

    spoken = LANGUAGES.get(language)
    if spoken is not None and spoken.region in allowed_regions(config):
        return spoken.region
    return config.get("DEFAULT_REGION") or "US"
