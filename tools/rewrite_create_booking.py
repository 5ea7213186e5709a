"""Rewrite create_booking(db, idempotency_key=..., pickup=..., ...) calls into the typed form.

A merge aid for branches written against the old keyword signature; delete it once they are in:

    .venv/bin/python tools/rewrite_create_booking.py FILE... && .venv/bin/ruff format FILE...

create_booking(db, **values) and other calls it cannot read are listed for a person to change.
"""

import ast
import sys

TRIP_FIELDS = ("pickup", "destination", "pickup_at", "appointment_at")
IMPORT = "from elderride.services.records import BookingRequest, Trip\n"


def _rewrite(source: str, path: str) -> str:
    tree = ast.parse(source)
    data = source.encode()
    starts = [0]
    for line in data.split(b"\n"):
        starts.append(starts[-1] + len(line) + 1)
    edits = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and ast.unparse(node.func).split(".")[-1] == "create_booking"
            and len(node.args) == 1
            and node.keywords
        ):
            continue
        if any(keyword.arg is None for keyword in node.keywords):
            print(
                f"{path}:{node.lineno}: create_booking(**...) — change it by hand", file=sys.stderr
            )
            continue

        def text(value: ast.expr) -> str:
            segment = ast.get_source_segment(source, value)
            assert segment is not None
            return segment

        trip = [f"{k.arg}={text(k.value)}" for k in node.keywords if k.arg in TRIP_FIELDS]
        request = [f"{k.arg}={text(k.value)}" for k in node.keywords if k.arg not in TRIP_FIELDS]
        if trip:
            request.append(f"trip=Trip({', '.join(trip)})")
        call = f"{text(node.func)}({text(node.args[0])}, BookingRequest({', '.join(request)}))"
        assert node.end_lineno is not None and node.end_col_offset is not None
        start = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset
        edits.append((start, end, call.encode()))
    for start, end, replacement in sorted(edits, reverse=True):
        data = data[:start] + replacement + data[end:]
    result = data.decode()
    if edits and IMPORT not in result:
        lines = result.splitlines(keepends=True)
        last = max(
            (i for i, line in enumerate(lines) if line.startswith(("import ", "from "))), default=0
        )
        lines.insert(last + 1, IMPORT)
        result = "".join(lines)
    print(f"{path}: {len(edits)} calls rewritten", file=sys.stderr)
    return result


if __name__ == "__main__":
    for name in sys.argv[1:]:
        with open(name, encoding="utf-8") as file:
            original = file.read()
        with open(name, "w", encoding="utf-8") as file:
            file.write(_rewrite(original, name))
