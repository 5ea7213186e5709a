"""The project's own documentation: every link it makes stays inside the repository and leads
somewhere."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_the_docs_folder_has_the_pages_the_readme_promises():
    names = {page.name for page in (ROOT / "docs").glob("*.md")}
    assert {
        "README.md",
        "design.md",
        "booking-lifecycle.md",
        "phone-flow.md",
        "accessibility.md",
        "operations.md",
    } <= names


def test_every_relative_link_resolves_inside_the_repository():
    for page in PAGES:
        for target in re.findall(r"\]\(([^)#\s]+)", page.read_text()):
            if re.match(r"^[a-z]+:", target):
                continue  # a web address
            resolved = (page.parent / target).resolve()
            assert ROOT in resolved.parents or resolved == ROOT, (page.name, target)
            assert resolved.exists(), (page.name, target)


def test_nothing_points_outside_the_repository():
    for path in [*PAGES, *ROOT.glob("elderride/**/*.py"), *ROOT.glob("tests/*.py")]:
        if path.name == "test_docs.py":
            continue
        assert "../shared" not in path.read_text(), path


# Environment variables read outside the app's settings: where the instance folder is, and the
# Chromium the browser tests use.
NOT_SETTINGS = {"INSTANCE_PATH", "CHROMIUM"}


def test_the_readmes_configuration_table_is_the_declared_settings_word_for_word():
    from elderride.settings import configuration_table

    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    table = "".join(line + "\n" for line in section.splitlines() if line.startswith("|"))
    assert table == configuration_table(), "run `elderride settings` and paste its table"


def test_every_setting_the_docs_name_is_declared():
    from elderride.settings import SETTINGS

    for page in PAGES:
        named = set(re.findall(r"ELDERRIDE_([A-Z][A-Z_]*[A-Z])", page.read_text()))
        assert sorted(named - set(SETTINGS) - NOT_SETTINGS) == [], page.name


def test_every_declared_setting_has_a_known_type_a_meaning_and_a_default_of_its_type():
    import tomllib

    from elderride.settings import KINDS

    table = tomllib.loads((ROOT / "elderride" / "settings.toml").read_text())
    for name, entry in table.items():
        assert entry["type"] in KINDS, name
        assert entry["meaning"].strip(), name
        if "default" in entry:
            assert isinstance(entry["default"], KINDS[entry["type"]]), name


def test_a_setting_is_read_from_the_environment_as_its_declared_type():
    from elderride.settings import from_environment

    read = from_environment(
        {
            "ELDERRIDE_DEMO": "yes",
            "ELDERRIDE_KEEP_DAYS": "7",
            "ELDERRIDE_MEDIA_PORT": "6001",
            "ELDERRIDE_TIMEZONE": "Asia/Shanghai",
            "ELDERRIDE_UNKNOWN": "x",
            "ELDERRIDE_SPEECH_MODE": "",
        }
    )
    assert read == {"DEMO": True, "KEEP_DAYS": 7.0, "MEDIA_PORT": 6001, "TIMEZONE": "Asia/Shanghai"}
    assert isinstance(read["KEEP_DAYS"], float)


def test_the_design_page_points_to_the_one_table_instead_of_copying_it():
    design = (ROOT / "docs" / "design.md").read_text()
    assert "| `ELDERRIDE_" not in design
    assert "README.md#configuration" in design


@pytest.mark.parametrize("value", ["-1", "5", "nan", "inf"])
def test_a_setting_outside_its_declared_range_stops_the_start_with_its_name(tmp_path, value):
    from elderride import create_app

    with pytest.raises(ValueError, match="ELDERRIDE_YES_CONFIDENCE must be from 0 to 1"):
        create_app(
            {"DATABASE": str(tmp_path / "e.db"), "SECRET_KEY": "x", "YES_CONFIDENCE": float(value)}
        )


# Numbers that started before and did harm later: a negative proxy count believed the client's own
# X-Forwarded-For (any address, any scheme); NaN days of history stopped every prune; a poll of 0
# spun a core; no speech workers, or no time to decode, failed every spoken answer; a port past
# 65535, a cap below one, a link that expired before it was mailed.
HARMFUL = [
    ("TRUSTED_PROXIES", -1),
    ("KEEP_DAYS", float("nan")),
    ("KEEP_DAYS", -1.0),
    ("WORKER_POLL_SECONDS", 0.0),
    ("SCHEDULE_SECONDS", 0.0),
    ("OUTBOX_LEASE_SECONDS", float("inf")),
    ("SPEECH_WORKERS", 0),
    ("SPEECH_STREAMS_PER_WORKER", 0),
    ("SPEECH_TIMEOUT", 0.0),
    ("MEDIA_PORT", 70000),
    ("DAILY_MESSAGE_CAP", -1),
    ("DAILY_RECIPIENT_CAP", 0),
    ("SIGN_UPS_PER_ADDRESS", -3),
    ("RESET_LINK_SECONDS", -1.0),
    ("CONFIRM_LINK_SECONDS", float("nan")),
    ("DISPATCH_ALARM_SECONDS", -1.0),
    ("MIN_FREE_MB", -1),
]


@pytest.mark.parametrize(("name", "value"), HARMFUL, ids=[f"{n}={v}" for n, v in HARMFUL])
def test_every_number_setting_out_of_its_range_stops_the_start(tmp_path, name, value):
    from elderride import create_app

    with pytest.raises(ValueError, match=f"ELDERRIDE_{name} must be"):
        create_app({"DATABASE": str(tmp_path / "e.db"), "SECRET_KEY": "x", name: value})


def test_every_number_setting_declares_its_range():
    from elderride.settings import SETTINGS

    # The scheduler's own settings are bounded by schedule.settings_from_config (ranges that
    # exclude 0 or follow the booking horizon; tests/test_schedule.py).
    scheduler = {
        "RECURRING_LEAD_HOURS",
        "REMINDER_HOUR",
        "ASSIGN_DEADLINE_MINUTES",
        "ASSIGN_DEADLINE_NOW_MINUTES",
        "WELFARE_ANSWER_SECONDS",
    }
    numbers = [s for s in SETTINGS.values() if s.kind in (int, float)]
    assert len(numbers) > 20
    assert [s.name for s in numbers if s.minimum is None and s.name not in scheduler] == []


def test_a_setting_inside_its_declared_range_is_kept(tmp_path):
    from elderride import create_app

    app = create_app({"DATABASE": str(tmp_path / "e.db"), "SECRET_KEY": "x", "YES_CONFIDENCE": 0.5})
    assert app.config["YES_CONFIDENCE"] == 0.5
