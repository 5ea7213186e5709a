"""Pages and API requests in a process of their own: nothing a page does reaches the phone line."""

import io
import json
import os
import re
import threading
import urllib.error
import urllib.request

import pytest

from elderride.page_process import PageProcess, is_here, read_body
from elderride.serving import make_server
from tests import live_server, page_apps


def fetch(url, data=None, headers=None, timeout=30):
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def served():
    pages = PageProcess(page_apps.pages, at_once=2, max_body=1024).start()
    try:
        live = live_server.LiveServer(
            page_apps.phone, server=make_server(page_apps.phone, pages=pages)
        )
        try:
            yield live.url, pages
        finally:
            live.stop()
    finally:
        pages.stop()


def wait_until(condition):
    """Wait (up to 30 s: a restart on a busy machine) until `condition()` holds."""
    return live_server.wait_until(condition, seconds=30)


def test_the_phone_line_is_answered_here_and_pages_in_another_process(served):
    url, pages = served
    status, _, answer = fetch(f"{url}/voice/incoming", data=b"")
    assert status == 200 and answer == f"answered by {os.getpid()}".encode()
    assert fetch(f"{url}/demo/phone")[2] == answer  # the demo phone plays the line here too
    status, _, pid = fetch(f"{url}/pid")
    assert status == 200 and int(pid) == pages.process.pid != os.getpid()
    for path in ("/voice/", "/voice/gather", "/demo/phone", "/static/senior.css"):
        assert is_here(path)
    for path in ("/", "/voicex", "/console/", "/api/v1/bookings", "/s/abc", "/healthz"):
        assert not is_here(path)


def test_the_page_process_puts_what_it_built_out_of_the_collectors_sight(served):
    """A full collection there walks what requests left behind, not every module and catalog."""
    url, _ = served
    status, _, frozen = fetch(f"{url}/frozen")
    assert status == 200 and int(frozen) > 10_000


def test_a_request_crosses_whole_and_its_answer_comes_back_whole(served):
    url, _ = served
    status, headers, body = fetch(
        f"{url}/echo/%C3%A9t%C3%A9?q=%E7%8E%8B&x=1",
        data=b"name=\xe7\x8e\x8b&n=2",
        headers={
            "Cookie": "session=abc",
            "X-Senior-Device": "kitchen",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    seen = json.loads(body)
    assert status == 201
    assert seen["REQUEST_METHOD"] == "POST"
    assert seen["PATH_INFO"] == "/echo/été".encode().decode("latin-1")  # WSGI's latin-1 text
    assert seen["QUERY_STRING"] == "q=%E7%8E%8B&x=1"
    assert seen["REMOTE_ADDR"] == "127.0.0.1" and seen["HTTP_X_SENIOR_DEVICE"] == "kitchen"
    assert seen["HTTP_HOST"] == url.split("//")[1] and seen["wsgi.url_scheme"] == "http"
    assert seen["HTTP_COOKIE"] == "session=abc"
    assert seen["body"] == "name=\xe7\x8e\x8b&n=2" and seen["CONTENT_LENGTH"] == "12"
    assert headers.get_all("Set-Cookie") == ["a=1; Path=/", "b=2; Path=/; HttpOnly"]


def test_a_body_past_the_limit_is_not_copied_whole():
    stream = io.BytesIO(b"x" * 10_000)
    environ = {"wsgi.input": stream, "CONTENT_LENGTH": "10000"}
    assert read_body(environ, 1024) == b"x" * 1025  # enough for the app to answer 413
    assert read_body({"wsgi.input": io.BytesIO(b"abc"), "CONTENT_LENGTH": "3"}, 1024) == b"abc"
    for length in ("", "-5", "nonsense"):
        assert read_body({"wsgi.input": io.BytesIO(b"abc"), "CONTENT_LENGTH": length}, 9) == b""


def test_a_page_that_never_lets_go_of_the_interpreter_cannot_silence_the_line(served, tmp_path):
    url, _ = served
    marker, release = tmp_path / "hogging", tmp_path / "release"
    release.write_bytes(b"\0")
    # The page holds its interpreter until released (or for 25 s, short of the watcher's 30 s):
    # a call that had to wait for it would outlast its 10 s timeout.
    answers = []
    hog = threading.Thread(
        target=lambda: answers.append(
            fetch(f"{url}/hog?seconds=25&marker={marker}&release={release}")
        )
    )
    hog.start()
    try:
        assert wait_until(marker.exists)
        # Calls are answered, one after another, while the page still holds its interpreter.
        for _ in range(5):
            assert fetch(f"{url}/voice/incoming", data=b"", timeout=10)[0] == 200
    finally:
        with open(release, "r+b") as file:
            file.write(b"\1")  # in place: a file cut short under the page's mapping would kill it
        hog.join(30)
    # It held on until released, after the last call: every call was answered while it held.
    [(status, _, body)] = answers
    assert (status, body) == (200, b"released")


def test_a_page_process_that_dies_is_started_again_and_calls_go_on(served):
    url, pages = served
    first = pages.process.pid
    status, headers, body = fetch(f"{url}/crash")
    assert status == 503 and headers["Retry-After"] == "5" and b"try again" in body
    assert fetch(f"{url}/voice/incoming", data=b"")[0] == 200
    # The next page waits for the new process rather than failing.
    status, _, pid = fetch(f"{url}/pid")
    assert status == 200 and int(pid) != first and int(pid) == pages.process.pid


def test_a_connection_the_dying_page_process_never_took_is_made_again_not_answered_503(served):
    """Just after a crash the dying process's socket may still queue a connection it will never
    take, and then reset it. No request has reached any app on such a connection, so the page
    waits for the new process instead of being told to try again."""
    import select
    import socket

    url, pages = served
    real = pages.address + ".real"
    os.rename(pages.address, real)  # the live process keeps its socket under another name
    dying = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dying.bind(pages.address)
    dying.listen(8)
    answers = []
    asking = threading.Thread(target=lambda: answers.append(fetch(f"{url}/pid")))
    asking.start()
    try:
        assert select.select([dying], [], [], 10)[0], "the page never reached the socket"
    finally:
        dying.close()  # dies without taking it: the queued connection is reset
        os.unlink(pages.address)
        os.rename(real, pages.address)
    asking.join(60)
    status, _, pid = answers[0]
    assert status == 200 and int(pid) == pages.process.pid


def test_stopping_ends_the_page_process_and_removes_its_socket():
    pages = PageProcess(page_apps.pages, at_once=1).start()
    directory = pages.directory
    assert oct(os.stat(directory).st_mode & 0o777) == "0o700"  # only this user reaches the socket
    process = pages.process
    pages.stop()
    assert not process.is_alive() and not os.path.exists(directory)


def test_a_page_that_never_answers_is_given_up_on_and_the_next_is_served(
    served, tmp_path, monkeypatch
):
    from elderride import page_process

    url, pages = served
    monkeypatch.setattr(page_process, "ANSWER_SECONDS", 0.5)
    status, _, body = fetch(f"{url}/hog?seconds=3&marker={tmp_path / 'm'}")
    assert status == 503 and b"try again" in body
    monkeypatch.undo()  # the next page may take as long as the hog still holds on
    status, _, pid = fetch(f"{url}/pid")
    assert status == 200 and int(pid) == pages.process.pid


def _gone(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"  # ended, not yet reaped
    except FileNotFoundError:
        return True


def test_the_page_process_leaves_when_the_server_process_is_killed():
    import subprocess
    import sys

    script = (
        "import time\n"
        "from elderride.page_process import PageProcess\n"
        "from tests import page_apps\n"
        "pages = PageProcess(page_apps.pages, at_once=1).start()\n"
        "print(pages.process.pid, pages.directory, flush=True)\n"
        "time.sleep(120)\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=root
    ) as server:
        try:
            pid, directory = server.stdout.readline().decode().split()
            assert not _gone(int(pid)) and os.path.isdir(directory)
        finally:
            server.kill()  # no chance to stop its page process
            server.wait(30)
    assert wait_until(lambda: _gone(int(pid)))
    assert wait_until(lambda: not os.path.exists(directory))  # nor its socket left behind


def test_a_page_process_that_stops_answering_is_replaced_and_calls_go_on(served, monkeypatch):
    import signal

    from elderride import page_process

    url, pages = served
    monkeypatch.setattr(page_process, "WEDGED_SECONDS", 1.5)
    monkeypatch.setattr(page_process, "PING_SECONDS", 0.2)
    monkeypatch.setattr(page_process, "ANSWER_SECONDS", 1.0)
    monkeypatch.setattr(page_process, "CONNECT_SECONDS", 1.0)
    frozen = pages.process.pid
    os.kill(frozen, signal.SIGSTOP)  # alive, and answering nothing
    try:
        status, _, body = fetch(f"{url}/pid")
        assert status == 503 and b"try again" in body
        assert fetch(f"{url}/voice/incoming", data=b"")[0] == 200
        assert wait_until(lambda: pages.process.pid != frozen and _gone(frozen))
        assert wait_until(lambda: fetch(f"{url}/pid")[0] == 200)
        assert int(fetch(f"{url}/pid")[2]) == pages.process.pid
    finally:
        if not _gone(frozen):
            os.kill(frozen, signal.SIGCONT)


def _answered_by_another(url, pid):
    status, _, body = fetch(f"{url}/pid")
    return status == 200 and int(body) != pid


def test_a_page_process_that_keeps_dying_is_started_again_ever_more_slowly(served, caplog):
    url, pages = served
    caplog.set_level("ERROR", logger="elderride.page_process")
    for _ in range(2):
        first = pages.process.pid
        assert fetch(f"{url}/crash")[0] == 503
        assert wait_until(lambda first=first: _answered_by_another(url, first))
    pauses = [r.getMessage() for r in caplog.records if "again in" in r.getMessage()]
    assert pauses == [
        "starting the page process again in 1 s",
        "starting the page process again in 2 s",
    ]


def test_a_page_process_that_cannot_start_stops_the_server_from_starting():
    from elderride.page_process import PageProcessDown

    pages = PageProcess(page_apps.broken, at_once=1)
    with pytest.raises(PageProcessDown, match="did not start"):
        pages.start()
    assert not pages.process.is_alive() and not os.path.exists(pages.directory)


def test_a_service_managers_sigterm_to_the_group_does_not_stop_it_behind_the_servers_back(
    served,
):
    import signal

    url, pages = served
    pid = pages.process.pid
    os.kill(pid, signal.SIGTERM)  # what systemd sends every process of the service
    threading.Event().wait(0.5)
    assert pages.process.pid == pid and pages.process.is_alive()
    assert int(fetch(f"{url}/pid")[2]) == pid


def test_the_page_process_is_built_with_the_servers_own_settings(app):
    from elderride.cli.server import page_settings

    settings = page_settings(app.config)
    assert settings["SECRET_KEY"] == app.config["SECRET_KEY"]
    assert settings["DATABASE"] == app.config["DATABASE"]
    assert all(
        value is None or isinstance(value, (str, int, float, bool)) for value in settings.values()
    )


def test_while_pages_start_up_again_people_are_told_so_in_their_language(app, monkeypatch):
    from elderride import page_process
    from elderride.web.security import restarting

    monkeypatch.setattr(page_process, "CONNECT_SECONDS", 0.5)
    pages = PageProcess(page_apps.pages, at_once=1, unavailable=restarting(app)).start()
    try:
        live = live_server.LiveServer(app, server=make_server(app, pages=pages))
        try:
            pages.stopping.set()  # the watcher stands down, so the page process stays down
            pages.watcher.join(10)
            os.kill(pages.process.pid, 9)
            pages.process.join(10)
            status, headers, body = fetch(f"{live.url}/senior", headers={"Cookie": "lang=zh"})
            page = body.decode()
            assert status == 503 and headers["Retry-After"] == "5"
            assert "请稍等" in page and "<html" in page and 'lang="zh' in page
            assert "One moment" not in page  # the device chose Chinese
            # A device that chose no language may be a Chinese senior's with an English browser:
            # it is told in every language, the browser's first.
            status, _, body = fetch(f"{live.url}/senior", headers={"Accept-Language": "en"})
            page = body.decode()
            assert status == 503 and page.index("One moment") < page.index("请稍等")
            assert "Content-Security-Policy" in headers  # the app's own headers, as on any page
            status, headers, body = fetch(f"{live.url}/api/v1/bookings")
            assert status == 503 and headers["Content-Type"] == "application/json"
            assert "starting up again" in json.loads(body)["error"]
            # Its style still comes: static files are served beside the phone line.
            style = re.search(r'href="(/static/elderride\.css[^"]*)"', page).group(1)
            status, headers, _ = fetch(f"{live.url}{style}")
            assert status == 200 and headers["Content-Type"].startswith("text/css")
        finally:
            live.stop()
    finally:
        pages.stopping.clear()
        pages.stop()


def test_a_request_still_waiting_for_its_turn_when_the_server_gives_up_is_not_run(
    served, tmp_path, monkeypatch
):
    """The asker was told to try again: running it later as well would book twice."""
    from elderride import page_process

    url, _ = served  # two turns
    monkeypatch.setattr(page_process, "ANSWER_SECONDS", 3.0)
    marker, release = tmp_path / "ran", tmp_path / "release"
    answers: list[int] = []

    def marks():
        return marker.read_text().splitlines() if marker.exists() else []

    def ask():
        page = f"{url}/slow?seconds=60&marker={marker}&release={release}"
        answers.append(fetch(page, data=b"")[0])

    asks = [threading.Thread(target=ask) for _ in range(4)]
    try:
        for first in asks[:2]:
            first.start()
        # Both turns are taken, and held until released: the next two wait for one.
        assert wait_until(lambda: marks().count("ran") == 2)
        for waiting in asks[2:]:
            waiting.start()
        for each in asks:
            each.join(30)
        assert answers == [503] * 4
    finally:
        release.touch()
    assert wait_until(lambda: marks().count("ended") >= 2)  # the turns are free
    threading.Event().wait(1.0)  # past when the waiting two would have taken them
    assert sorted(marks()) == ["ended", "ended", "ran", "ran"]  # only the two that had a turn


def test_the_watcher_outlives_a_page_process_that_fails_to_start(served, monkeypatch):
    url, pages = served
    spawn, failures = pages._spawn, []

    def failing_once():
        if not failures:
            failures.append(1)
            raise OSError(24, "Too many open files")
        spawn()

    monkeypatch.setattr(pages, "_spawn", failing_once)
    first = pages.process.pid
    assert fetch(f"{url}/crash")[0] == 503
    assert wait_until(lambda: _answered_by_another(url, first))
    assert failures == [1] and pages.watcher.is_alive()


def test_connections_are_kept_below_the_descriptors_there_are():
    import resource

    from elderride.serving import CONNECTION_LIMIT, connection_limit

    assert connection_limit(1_048_576) == CONNECTION_LIMIT
    assert connection_limit(1024) == 768  # the rest for the database, sockets and workers
    assert connection_limit(100) == 10
    server = make_server(page_apps.phone)
    try:
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        if soft != resource.RLIM_INFINITY:
            assert server.adj.connection_limit == connection_limit(soft)
    finally:
        server.close()


class _Planted:
    """A pickle that makes a folder when it is loaded: what a leaked key would let anyone send."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.mkdir, (self.path,))


def test_a_message_on_the_private_socket_is_read_as_data_never_run_as_code(served, tmp_path):
    import pickle
    import socket
    import struct

    url, pages = served
    planted = tmp_path / "ran"
    for framing in ("!Q", "!IQ"):  # today's lengths and the ones before them
        data = pickle.dumps(_Planted(str(planted)))
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(10)
        sock.connect(pages.address)
        sock.sendall(pages.authkey)
        assert sock.recv(1) == b"+"
        lengths = (
            struct.pack(framing, len(data))
            if framing == "!Q"
            else struct.pack(framing, len(data), 0)
        )
        sock.sendall(lengths + data)
        sock.shutdown(socket.SHUT_WR)
        try:
            answered = sock.recv(1 << 16)
        except ConnectionResetError:  # closed with the message's rest unread
            answered = b""
        finally:
            sock.close()
        assert answered == b""  # closed without an answer
    assert not planted.exists()
    status, _, pid = fetch(f"{url}/pid")  # and pages go on
    assert status == 200 and int(pid) == pages.process.pid
