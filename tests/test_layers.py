"""Layers point one way: services, store and speech load in a bare interpreter, without Flask;
no two modules import each other."""

import ast
import pathlib
import pkgutil
import subprocess
import sys

import elderride
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


def _imports(path, package_root, modules):
    """The elderride modules a source file imports when it runs (not those for type checkers)."""
    module = ".".join(path.relative_to(package_root.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking_only = {
        id(statement)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in checking_only:
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            # `from package import module` imports the module; `from module import name`, the
            # module.
            for alias in node.names:
                name = f"{base}.{alias.name}"
                yield name if name in modules else base


def _import_graph():
    root = pathlib.Path(elderride.__file__).parent
    paths = {
        ".".join(path.relative_to(root.parent).with_suffix("").parts).removesuffix(".__init__"): (
            path
        )
        for path in root.rglob("*.py")
    }
    return {
        module: {name for name in _imports(path, root, paths) if name in paths and name != module}
        for module, path in paths.items()
    }


def _cycles(graph):
    """The groups of modules that import each other (Tarjan's strongly connected components)."""
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph[module]:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
                on_stack.discard(group[-1])
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_two_modules_import_each_other():
    graph = _import_graph()
    # The graph is read from the source, lazy imports in functions included.
    assert "elderride.ivr.flow" in graph["elderride.ivr.steps.booking"]
    assert "elderride.web.speech" in graph["elderride.ivr.streams"]
    assert _cycles(graph) == []


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
