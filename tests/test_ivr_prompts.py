"""What the phone line says is content: it lives in voice/prompts, never in Python."""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from elderride.ivr.prompts import prompts

IVR = Path(__file__).resolve().parent.parent / "elderride" / "ivr"


def test_every_language_has_every_prompt():
    english, chinese = prompts("en"), prompts("zh")
    assert set(english) == set(chinese)
    for key in english:
        assert set(re.findall(r"\{(\w+)\}", english[key])) == set(
            re.findall(r"\{(\w+)\}", chinese[key])
        ), key


def test_no_sentence_the_caller_hears_is_written_in_python():
    """A string literal that reads like a sentence (several words, ending in . ? or !) in the
    phone-line code is a prompt in the wrong place."""
    offenders = []
    for module in IVR.glob("*.py"):
        tree = ast.parse(module.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
            ):
                text = node.value.strip()
                if len(text.split()) >= 3 and text[-1:] in ".?!":
                    offenders.append((module.name, text))
    assert offenders == []


def test_bench_ivr_books_through_a_real_server_and_reports_ratios():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "elderride",
            "bench",
            "ivr",
            "--concurrency",
            "3",
            "--calls",
            "2",
            "--think",
            "0.05",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    assert report["errors"] == []
    # Three runs of 3 callers x 2 calls, 3 webhooks a call, each followed by one trivial request.
    assert report["runs"] == 3 and report["calls"] == 18 and report["webhooks"]["count"] == 54
    assert (
        report["trivial_twiml_endpoint"]["count"] == 54 and len(report["ratio_p99_each_run"]) == 3
    )
    assert set(report["per_webhook"]) == {"/voice/incoming", "/voice/answer"}
    assert report["ratio_p99"] == round(
        report["webhooks"]["p99_ms"] / report["trivial_twiml_endpoint"]["p99_ms"], 2
    )
