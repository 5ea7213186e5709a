"""What the phone line says is content: it lives in voice/prompts, never in Python."""

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

from elderride.ivr.prompts import prompts

PACKAGE = Path(__file__).resolve().parent.parent / "elderride"


def test_every_language_has_every_prompt():
    english, chinese = prompts("en"), prompts("zh")
    assert set(english) == set(chinese)
    for key in english:
        assert set(re.findall(r"\{(\w+)\}", english[key])) == set(
            re.findall(r"\{(\w+)\}", chinese[key])
        ), key


# Where a sentence in Python is not for a caller's ears: the translation markers (the words
# then live in the Babel catalogs), log lines and raised errors (for whoever runs the system),
# the command line's output and --help, and JSON fields read by programs and operators.
TRANSLATED = {"N_", "_", "_l", "gettext", "lazy_gettext", "ngettext", "gettext_in", "pgettext"}
FOR_OPERATORS = {"debug", "info", "warning", "error", "exception", "critical", "echo", "_api"}
MACHINE_FIELDS = {"description", "summary", "error", "reason"}
CHINESE_SENTENCE = re.compile(r"[\u4e00-\u9fff].{2,}[。？！]$")
SQL = re.compile(r"(?i)(\bwhere\b|\bselect\b|\bupdate\b|\bdelete\b|\blimit\b|=)[^.!]*\?")
# Sentences that are data, not prompts: a demo senior's pickup note, as a family would type it.
NOT_SPOKEN = {("services/demo.py", "Walks with a walker; please ring the bell and wait.")}


def _not_spoken(tree):
    """Return the ids of the nodes whose strings are never spoken on the line."""
    skipped = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.body
            and isinstance(node.body[0], ast.Expr)
        ):
            skipped.add(id(node.body[0].value))
        inside = []
        if isinstance(node, ast.Raise) and node.exc is not None:
            inside = [node.exc]
        elif isinstance(node, ast.Call):
            called = node.func
            name = getattr(called, "id", None) or getattr(called, "attr", "")
            if name in TRANSLATED or name in FOR_OPERATORS:
                inside = [*node.args, *(keyword.value for keyword in node.keywords)]
            else:
                inside = [keyword.value for keyword in node.keywords if keyword.arg == "help"]
        elif isinstance(node, ast.Dict):
            inside = [
                value
                for key, value in zip(node.keys, node.values, strict=True)
                if isinstance(key, ast.Constant) and key.value in MACHINE_FIELDS
            ]
        skipped.update(id(inner) for part in inside for inner in ast.walk(part))
    return skipped


def spoken_sentences(source, name):
    """The string literals of `source` that read like a sentence someone would hear (several
    words ending in . ? or !, or Chinese ending in 。？！) where no rule above says otherwise."""
    tree = ast.parse(source)
    skipped = _not_spoken(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skipped
        ):
            text = node.value.strip()
            if (
                (len(text.split()) >= 3 and text[-1:] in ".?!" or CHINESE_SENTENCE.search(text))
                and not SQL.search(text)
                and (name, text) not in NOT_SPOKEN
            ):
                found.append((name, text))
    return found


def test_no_sentence_the_caller_hears_is_written_in_python():
    """A string literal that reads like a sentence anywhere in the package is a prompt in the
    wrong place: it belongs in voice/prompts (or the catalogs)."""
    offenders = [
        sentence
        for module in sorted(PACKAGE.rglob("*.py"))
        for sentence in spoken_sentences(module.read_text(), module.relative_to(PACKAGE).as_posix())
    ]
    assert offenders == []


def test_the_guard_finds_a_spoken_sentence_outside_the_phone_line():
    """The call-back's "press 1" once sat in the notifier as Python: the guard must catch that."""
    source = 'REPEAT_PROMPT = {"en": "To hear this again, press 1.", "zh": "再听一遍请按1。"}'
    assert spoken_sentences(source, "twilio_notifier.py") == [
        ("twilio_notifier.py", "To hear this again, press 1."),
        ("twilio_notifier.py", "再听一遍请按1。"),
    ]
    assert spoken_sentences('raise ValueError("The audio is empty.")', "x.py") == []
    assert spoken_sentences('flash(N_("Please fill this in."))', "x.py") == []


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
