"""The project's own documentation: every link it makes stays inside the repository and leads
somewhere."""

import re
from pathlib import Path

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


def test_every_setting_is_in_the_readmes_configuration_table_and_only_settings_are():
    from elderride.settings import DEFAULTS

    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = {
        name
        for line in table.splitlines()
        if line.startswith("| `ELDERRIDE_")
        for name in re.findall(r"`ELDERRIDE_([A-Z_]+)`", line.split(" | ")[0])
    }
    assert sorted(set(DEFAULTS) - rows) == [], "settings the README's table does not explain"
    assert sorted(rows - set(DEFAULTS) - NOT_SETTINGS) == [], "rows for settings that do not exist"


def test_the_design_page_points_to_the_one_table_instead_of_copying_it():
    design = (ROOT / "docs" / "design.md").read_text()
    assert "| `ELDERRIDE_" not in design
    assert "README.md#configuration" in design
