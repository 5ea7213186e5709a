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
