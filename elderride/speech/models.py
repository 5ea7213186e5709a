"""Vosk model folders: checking them, tuning their endpointing on a copy, downloading official
ones."""

import hashlib
import os
import re
import shutil
import tempfile
import urllib.request
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

# A path as callers give it: text or a Path.
PathLike = str | os.PathLike[str]

# Files every Vosk (Kaldi nnet3) model folder has; without them loading aborts or fails.
REQUIRED_FILES = ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf")
# Phrase lists (grammar mode) need the small models' lookahead graph; big HCLG-only models lack it.
GRAMMAR_FILES = ("graph/HCLr.fst", "graph/Gr.fst")

# Official models by name: where they are and the SHA-256 of the archive.  A checksum that is
# not yet pinned is None: the download is then checked by its structure and its hash printed.
KNOWN_MODELS: dict[str, dict[str, str | None]] = {
    "vosk-model-small-en-us-0.15": {
        "url": "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
        "sha256": "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
        "language": "en",
    },
    "vosk-model-small-cn-0.22": {
        "url": "https://alphacephei.com/vosk/models/vosk-model-small-cn-0.22.zip",
        "sha256": None,
        "language": "zh",
    },
}
# Older speakers pause longer mid-sentence: wait this long after speech before ending an answer.
ELDER_TRAILING_SILENCE = 1.2
# A live answer the decoder finds whole (a phrase of the list said to its end) ends after this much
# silence; the line waits the elder silence only for one that is not (see ivr/turns.py).
TURN_PAUSE = 0.45


# The decoder's search, as a model's conf/model.conf sets it: how many states it keeps a frame, how
# far below the best it looks, and how wide the lattice a result is read from.
DECODER_OPTIONS = ("max-active", "beam", "lattice-beam")


class ModelError(RuntimeError):
    """A model folder or download that cannot be used, with the reason."""


def model_status(path: PathLike | None) -> dict[str, Any]:
    """Return {"available": bool, "reason": text, "path": path} for a configured model folder."""
    if not path:
        return {
            "available": False,
            "reason": "No speech model is configured (ELDERRIDE_VOSK_MODEL); the phone line works "
            "by keypad.",
            "path": None,
        }
    try:
        verify(path)
    except ModelError as error:
        return {"available": False, "reason": str(error), "path": str(path)}
    try:
        import vosk  # noqa: F401 - only whether the engine is installed matters here
    except ImportError:
        return {
            "available": False,
            "reason": "The vosk package is not installed.",
            "path": str(path),
        }
    return {"available": True, "reason": "ready", "path": str(path)}


def _options(conf_file: PathLike) -> dict[str, str]:
    """Return the --name=value options of a Kaldi configuration file."""
    options: dict[str, str] = {}
    for line in Path(conf_file).read_text().splitlines():
        match = re.match(r"\s*--([\w.\-]+)=(\S+)", line)
        if match:
            options[match.group(1)] = match.group(2)
    return options


def decoder_of(path: PathLike) -> dict[str, float]:
    """Return the decoder options (DECODER_OPTIONS) a model folder's conf/model.conf sets."""
    options = _options(Path(path) / "conf" / "model.conf")
    return {name: float(options[name]) for name in DECODER_OPTIONS if name in options}


def parse_decoder(text: str) -> dict[str, float]:
    """Read "max-active=1000,beam=8" as decoder options; raise ValueError saying what to write."""
    setting: dict[str, float] = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        name = name.strip()
        if name not in DECODER_OPTIONS:
            raise ValueError(
                f"{name!r} is not a decoder option (use {', '.join(DECODER_OPTIONS)}), in {text!r}"
            )
        try:
            setting[name] = float(value)
        except ValueError:
            raise ValueError(f"{name} needs a number, as in {name}=1000, in {text!r}") from None
        if not setting[name] > 0 or setting[name] == float("inf"):
            raise ValueError(f"{name} must be a number above 0, in {text!r}")
    return setting


def verify(path: PathLike) -> dict[str, Any]:
    """Check a model folder and return what it is: {"sample_rate", "phrase_lists", "path"}; raise
    ModelError if unusable."""
    folder = Path(path)
    if not folder.is_dir():
        raise ModelError(f"The speech model folder {folder} does not exist.")
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise ModelError(f"{folder} is not a Vosk model folder (missing {', '.join(missing)}).")
    if (folder / "am/final.mdl").stat().st_size < 1024:
        raise ModelError(
            f"{folder}/am/final.mdl is too small to be a model; the download may be incomplete."
        )
    rate = int(float(_options(folder / "conf/mfcc.conf").get("sample-frequency", 16000)))
    phrase_lists = all((folder / name).is_file() for name in GRAMMAR_FILES)
    return {"path": str(folder), "sample_rate": rate, "phrase_lists": phrase_lists}


def working_copy(
    path: PathLike,
    *,
    trailing_silence: float = ELDER_TRAILING_SILENCE,
    pause: float | None = None,
    decoder: Mapping[str, float] | None = None,
) -> Path:
    """Return a folder that is `path` with patient endpointing, leaving the user's model untouched.

    Vosk reads endpointing from conf/model.conf (Kaldi's endpoint rules 2–4:
    trailing silence after speech).  The copy links every file but that one.
    With `pause`, an utterance the decoder finds whole (rule 2: it ends in a
    final state of the phrase list or the language model) ends after `pause`,
    any other after `trailing_silence`, and silence alone after
    `trailing_silence` too (rule 1), so a listener learns the caller stayed
    quiet.  `decoder` overrides the search's options (DECODER_OPTIONS, such as
    {"max-active": 1000}): a narrower search costs less CPU a second of speech.
    """
    source = Path(path).resolve()
    verify(source)
    if pause is None:
        rules = {
            "endpoint.rule2.min-trailing-silence": trailing_silence,
            "endpoint.rule3.min-trailing-silence": trailing_silence + 0.3,
            "endpoint.rule4.min-trailing-silence": max(2.0, trailing_silence + 1.0),
        }
    else:
        rules = {
            "endpoint.rule1.min-trailing-silence": trailing_silence,
            "endpoint.rule2.min-trailing-silence": pause,
            "endpoint.rule3.min-trailing-silence": trailing_silence,
            "endpoint.rule4.min-trailing-silence": trailing_silence,
        }
    unknown = set(decoder or {}) - set(DECODER_OPTIONS)
    if unknown:
        raise ValueError(f"not a decoder option: {', '.join(sorted(unknown))}")
    rules = {**rules, **(decoder or {})}
    digest = hashlib.sha256(f"{source}|{sorted(rules.items())}".encode()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / "elderride-vosk" / f"{source.name}-{digest}"
    if (target / "conf" / "model.conf").is_file():
        return target
    staging = Path(
        tempfile.mkdtemp(
            prefix=f"{source.name}-",
            dir=target.parent if target.parent.exists() else _mkdir(target.parent),
        )
    )
    for entry in source.iterdir():
        if entry.name != "conf":
            os.symlink(entry, staging / entry.name)
    (staging / "conf").mkdir()
    for entry in (source / "conf").iterdir():
        if entry.name != "model.conf":
            os.symlink(entry, staging / "conf" / entry.name)
    lines = [
        line
        for line in (source / "conf" / "model.conf").read_text().splitlines()
        if not any(line.strip().startswith(f"--{name}=") for name in rules)
    ]
    lines += [f"--{name}={value:g}" for name, value in rules.items()]
    (staging / "conf" / "model.conf").write_text("\n".join(lines) + "\n")
    try:
        staging.rename(target)
    except OSError:
        # Another process made the same copy first: use theirs.
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _mkdir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def download(
    name: str,
    destination: PathLike,
    *,
    opener: Callable[..., Any] = urllib.request.urlopen,
    timeout: float = 30,
) -> dict[str, Any]:
    """Download the official model `name` into `destination`/`name`, check it, and return its
    folder."""
    if name not in KNOWN_MODELS:
        raise ModelError(
            f"Unknown model {name!r}. Known models: {', '.join(sorted(KNOWN_MODELS))}."
        )
    spec = KNOWN_MODELS[name]
    destination = Path(destination)
    target = destination / name
    if target.exists():
        raise ModelError(f"{target} already exists; remove it or choose another folder.")
    destination.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination, prefix=".download-") as staging:
        archive = Path(staging) / f"{name}.zip"
        digest = hashlib.sha256()
        try:
            with opener(spec["url"], timeout=timeout) as response, open(archive, "wb") as file:
                while chunk := response.read(1 << 20):
                    digest.update(chunk)
                    file.write(chunk)
        except OSError as error:
            raise ModelError(
                f"Could not download {spec['url']}: {error}. Is this machine offline?"
            ) from None
        actual = digest.hexdigest()
        if spec["sha256"] and actual != spec["sha256"]:
            raise ModelError(
                f"The download of {name} is damaged (SHA-256 {actual}, expected {spec['sha256']})."
            )
        with zipfile.ZipFile(archive) as bundle:
            for member in bundle.namelist():
                # Refuse archives that would write outside their folder.
                if (
                    member.startswith("/")
                    or ".." in Path(member).parts
                    or not member.startswith(f"{name}/")
                ):
                    raise ModelError(f"The archive of {name} holds an unexpected path: {member}")
            bundle.extractall(staging)
        verify(Path(staging) / name)
        (Path(staging) / name).rename(target)
    return {"path": str(target), "sha256": actual, "checksum_pinned": bool(spec["sha256"])}
