"""Vosk model folders: where they are and whether one is usable."""

from pathlib import Path

# Files every Vosk (Kaldi nnet3) model folder has; without them loading aborts or fails.
REQUIRED_FILES = ("am/final.mdl", "conf/mfcc.conf")


def model_status(path):
    """Return {"available": bool, "reason": text, "path": path} for a configured model folder."""
    if not path:
        return {
            "available": False,
            "reason": "No speech model is configured (ELDERRIDE_VOSK_MODEL); the phone line works by keypad.",
            "path": None,
        }
    folder = Path(path)
    if not folder.is_dir():
        return {"available": False, "reason": f"The speech model folder {folder} does not exist.", "path": str(folder)}
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        return {
            "available": False,
            "reason": f"{folder} is not a Vosk model folder (missing {', '.join(missing)}).",
            "path": str(folder),
        }
    try:
        import vosk  # noqa: F401 - only whether the engine is installed matters here
    except ImportError:
        return {"available": False, "reason": "The vosk package is not installed.", "path": str(folder)}
    return {"available": True, "reason": "ready", "path": str(folder)}
