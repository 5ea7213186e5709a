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
