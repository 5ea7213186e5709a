"""Layers point one way: services, store and speech load in a bare interpreter, without Flask."""

import pkgutil
import subprocess
import sys

import elderride.services
import elderride.speech
import elderride.store

FLASK_FREE_PACKAGES = (elderride.services, elderride.store, elderride.speech)
WEB_LIBRARIES = ("flask", "flask_babel", "flask_wtf", "twilio")


def _modules():
    for package in FLASK_FREE_PACKAGES:
        yield package.__name__
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            yield module.name


def test_services_store_and_speech_import_without_flask_or_twilio():
    modules = sorted(_modules())
    assert "elderride.services.bookings" in modules and "elderride.store.schema" in modules
    assert "elderride.services.people.seniors" in modules  # the domain's subfolders too
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(set({WEB_LIBRARIES!r}) & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_intake_imports_without_flask_twilio_or_vosk():
    import elderride.intake

    modules = [elderride.intake.__name__] + [
        module.name
        for module in pkgutil.walk_packages(elderride.intake.__path__, "elderride.intake.")
    ]
    assert "elderride.intake.english_places" in modules and "elderride.intake.evaluation" in modules
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(set({WEB_LIBRARIES + ('vosk',)!r}) & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


SPEECH_SETTINGS = (
    "SPEECH_MODE",
    "SPEECH_WORKERS",
    "SPEECH_TIMEOUT",
    "SPEECH_STREAMS_PER_WORKER",
    "VOSK_SERVER",
)


def test_only_the_speech_package_reads_the_speech_settings():
    import re
    from pathlib import Path

    # A read: config.get("X") or config["X"] not being assigned to. (The demo may set the mode.)
    read = re.compile(
        r"config(?:\.get\(\s*|\[\s*)[\"']("
        + "|".join(SPEECH_SETTINGS)
        + r")[\"']\s*[,)\]](?!\s*=[^=])"
    )
    root = Path(elderride.speech.__file__).parent.parent
    readers = sorted(
        f"{path.relative_to(root)}: {match.group(1)}"
        for path in root.rglob("*.py")
        if path.parent.name != "speech"
        for match in read.finditer(path.read_text())
    )
    assert readers == []
