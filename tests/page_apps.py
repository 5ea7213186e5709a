"""Small WSGI apps for the page process's tests, built inside that process (importable by name)."""

import gc
import json
import mmap
import os
import sys
import time
import urllib.parse


def _released(path):
    """Return a check of whether a byte other than zero was written at the start of the file at
    `path`, made through a shared mapping: reading it never lets go of the interpreter, as a
    system call would."""
    with open(path, "rb") as file:
        view = mmap.mmap(file.fileno(), 1, access=mmap.ACCESS_READ)
    return lambda: view[0] != 0


def _pages(environ, start_response):
    path = environ["PATH_INFO"]
    query = urllib.parse.parse_qs(environ.get("QUERY_STRING", ""))
    if path == "/pid":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [str(os.getpid()).encode()]
    if path == "/slow":
        # A page that acts (as a booking would), marking each run in a file, then takes its time:
        # until the `release` file appears (or for `seconds` at most), and marks that it ended.
        with open(query["marker"][0], "a") as marker:
            marker.write("ran\n")
        until = time.monotonic() + float(query["seconds"][0])
        while time.monotonic() < until and not os.path.exists(query["release"][0]):
            time.sleep(0.01)
        with open(query["marker"][0], "a") as marker:
            marker.write("ended\n")
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"done"]
    if path == "/frozen":
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [str(gc.get_freeze_count()).encode()]
    if path == "/crash":
        os._exit(3)
    if path == "/hog":
        # Hold the interpreter and never let go until the time is up, as a runaway page would, or
        # until a byte is written into the `release` file (then it says it was released).
        sys.setswitchinterval(1000)
        released = _released(query["release"][0]) if "release" in query else lambda: False
        with open(query["marker"][0], "w") as marker:
            marker.write(str(os.getpid()))
        until = time.monotonic() + float(query["seconds"][0])
        while time.monotonic() < until:
            if released():
                start_response("200 OK", [("Content-Type", "text/plain")])
                return [b"released"]
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"let go"]
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    seen = {
        key: environ.get(key)
        for key in (
            "REQUEST_METHOD",
            "PATH_INFO",
            "QUERY_STRING",
            "REMOTE_ADDR",
            "HTTP_HOST",
            "HTTP_COOKIE",
            "HTTP_X_SENIOR_DEVICE",
            "CONTENT_TYPE",
            "CONTENT_LENGTH",
            "wsgi.url_scheme",
        )
    }
    seen["body"] = body.decode("latin-1")
    seen["pid"] = os.getpid()
    start_response(
        "201 Created",
        [
            ("Content-Type", "application/json"),
            ("Set-Cookie", "a=1; Path=/"),
            ("Set-Cookie", "b=2; Path=/; HttpOnly"),
        ],
    )
    return [json.dumps(seen).encode()]


def pages():
    """Build the test page app: it answers its pid, echoes a request, holds the interpreter or
    crashes."""
    return _pages, lambda: None


def phone(environ, start_response):
    """The phone line's side: answers with the server process's pid."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"answered by {os.getpid()}".encode()]


def broken():
    """A page app that cannot be built, as with a config.py that does not parse."""
    raise SyntaxError("'(' was never closed")
