"""Count the functions with full type hints (every parameter and the return), package by package.

    python3 tools/count_typed.py [repository]

"public" leaves out names starting with one underscore; nested functions count too.
"""

import ast
import sys
from collections import Counter
from pathlib import Path

STRICT = ("services", "store", "intake", "speech")


def fully_typed(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Tell whether every parameter (but self or cls) and the return are annotated."""
    arguments = node.args
    parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    if parameters and parameters[0].arg in ("self", "cls"):
        parameters = parameters[1:]
    parameters += [extra for extra in (arguments.vararg, arguments.kwarg) if extra]
    return node.returns is not None and all(p.annotation is not None for p in parameters)


def count(root: Path) -> tuple[Counter[str], Counter[str]]:
    """Return (functions, typed functions) per group: each strict package, the rest, and all."""
    totals: Counter[str] = Counter()
    typed: Counter[str] = Counter()
    for path in sorted((root / "elderride").rglob("*.py")):
        package = path.relative_to(root / "elderride").parts[0].removesuffix(".py")
        group = package if package in STRICT else "rest"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                public = not node.name.startswith("_") or node.name.startswith("__")
                for key in (group, "all", *((f"{group} public",) if public else ())):
                    totals[key] += 1
                    typed[key] += fully_typed(node)
    return totals, typed


if __name__ == "__main__":
    totals, typed = count(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
    for key in sorted(totals):
        print(f"{key:16} {typed[key]:4} of {totals[key]:4} typed")
