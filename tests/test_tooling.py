"""The test command checks lint, formatting and types before the suite, as pre-commit does."""

import shutil
import subprocess

import pytest
import yaml

CHECKS = ("ruff check", "ruff format --check", "mypy")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_lints_formats_and_type_checks_before_pytest(repository_root):
    planned = subprocess.run(
        ["make", "-n", "test"], cwd=repository_root, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    steps = [
        next(index for index, line in enumerate(planned) if check in line)
        for check in (*CHECKS, "pytest")
    ]
    assert steps == sorted(steps)


def test_pre_commit_runs_the_same_checks_with_the_venvs_tools(repository_root):
    config = yaml.safe_load((repository_root / ".pre-commit-config.yaml").read_text())
    [repository] = config["repos"]
    assert repository["repo"] == "local"
    hooks = repository["hooks"]
    assert all(hook["language"] == "system" for hook in hooks)
    assert [hook["entry"] for hook in hooks] == [f".venv/bin/{check}" for check in CHECKS]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_takes_another_port(repository_root):
    planned = subprocess.run(
        ["make", "-n", "-W", ".venv/.installed", "run", "PORT=8123"],
        cwd=repository_root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "serve --demo --port 8123" in planned
