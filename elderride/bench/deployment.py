"""A deployment of real processes on 127.0.0.1: `serve`, a separate worker, a stand-in dispatch
system, and the operator's commands beside them.

The soak and the many-processes test drive it. Everything runs as its own process, the way an
operator runs it, because the faults it exists to find (one process's file handling undoing
another's SQLite locks) cannot happen inside one.
"""

from __future__ import annotations

import http.client
import http.server
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from elderride.bench.measure import free_port

AUTH_TOKEN = "deployment-twilio-token"
API_TOKEN = "deployment-api-token"
HEALTH_TOKEN = "deployment-health-token"
SECRET_KEY = "deployment-secret-key"
WEBHOOK_SECRET = "deployment-webhook-secret"
# Twilio's number for the line, and where a caller is put through to a person.
LINE_NUMBER = "+15550109999"
OPERATOR_NUMBER = "+15550100090"


@dataclass(frozen=True)
class Rider:
    """A senior made for the run: a phone number, a device link and a clinic to be driven to."""

    senior_id: int
    phone: str
    device_path: str
    clinic_id: int


class Receiver:
    """A dispatch system on 127.0.0.1 that acknowledges every delivery and remembers each one."""

    def __init__(self) -> None:
        self.deliveries: list[tuple[str, int, str]] = []  # (webhook id, booking id, state)
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                document = json.loads(body)
                with receiver.lock:
                    receiver.deliveries.append(
                        (
                            self.headers.get("webhook-id") or document["delivery_id"],
                            int(document["booking"]["id"]),
                            document["state"],
                        )
                    )
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass  # a delivery is recorded above; a line each would drown the output

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def requested(self) -> dict[int, set[str]]:
        """Return, for each booking, the distinct deliveries of its first hand-off to dispatch."""
        made: dict[int, set[str]] = {}
        with self.lock:
            for delivery, booking_id, state in self.deliveries:
                if state == "requested":
                    made.setdefault(booking_id, set()).add(delivery)
        return made

    def close(self) -> None:
        """Stop listening."""
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Deployment:
    """One instance folder and the processes serving it."""

    folder: Path
    receiver: Receiver = field(default_factory=Receiver)
    port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def instance(self) -> Path:
        return self.folder / "instance"

    @property
    def database(self) -> Path:
        return self.instance / "elderride.db"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        """Return the environment every elderride process of this deployment runs with."""
        env = {key: value for key, value in os.environ.items() if not key.startswith("ELDERRIDE_")}
        env.update(
            ELDERRIDE_INSTANCE_PATH=str(self.instance),
            ELDERRIDE_SECRET_KEY=SECRET_KEY,
            ELDERRIDE_TWILIO_AUTH_TOKEN=AUTH_TOKEN,
            ELDERRIDE_TWILIO_NUMBER=LINE_NUMBER,
            ELDERRIDE_OPERATOR_NUMBER=OPERATOR_NUMBER,
            ELDERRIDE_DISPATCH_WEBHOOK_URL=self.receiver.url,
            ELDERRIDE_DISPATCH_WEBHOOK_SECRET=WEBHOOK_SECRET,
            ELDERRIDE_DISPATCH_API_TOKEN=API_TOKEN,
            ELDERRIDE_HEALTH_TOKEN=HEALTH_TOKEN,
            ELDERRIDE_WORKER_POLL_SECONDS="0.2",
            ELDERRIDE_MIN_FREE_MB="1",
        )
        env.update(self.extra_env)
        return env

    def create(self, riders: int) -> list[Rider]:
        """Make the database with `riders` seniors, each with a home, a clinic and a device link."""
        from elderride.services.people import places, seniors
        from elderride.store import connect, migrate, writing

        database = connect(self.database)
        try:
            migrate(database)
            made = []
            with writing(database):
                for index in range(riders):
                    phone = f"+1555070{index:04d}"
                    senior_id = seniors.create_senior(
                        database,
                        name=f"Soak rider {index}",
                        language="en",
                        numbers=[(phone, "landline")],
                    )
                    places.add_place(database, senior_id, label="Home", address=f"{index} Elm St")
                    clinic = places.add_place(
                        database, senior_id, label="Clinic", address=f"{index} Clinic Road"
                    )
                    token = seniors.issue_device_token(database, senior_id, SECRET_KEY)
                    made.append(Rider(senior_id, phone, f"/s/{token}", clinic))
            return made
        finally:
            database.close()

    def command(self, *arguments: str) -> list[str]:
        """Return the command line of `elderride ARGUMENTS` in this interpreter."""
        return [sys.executable, "-m", "elderride", *arguments]

    def start(self, name: str, *arguments: str, ready: bool = False) -> subprocess.Popen:
        """Start `elderride ARGUMENTS` as the process called `name`; wait for /livez with
        `ready`."""
        process = subprocess.Popen(
            self.command(*arguments),
            env=self.environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes[name] = process
        if ready:
            self.wait_until_serving(process)
        return process

    def start_server(self) -> subprocess.Popen:
        """Start `elderride serve` (the phone line, its page process and worker) and wait for it."""
        return self.start("serve", "serve", "--port", str(self.port), ready=True)

    def wait_until_serving(self, process: subprocess.Popen, seconds: float = 90) -> None:
        """Wait until the server's pages answer; fail if it exits or takes over `seconds`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited with {process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=5):
                    return
            except urllib.error.HTTPError:
                return  # it answers; whether it is healthy is the caller's to judge
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start")

    def kill(self, name: str) -> None:
        """End the process called `name` with SIGKILL, its children with it."""
        process = self.processes.pop(name, None)
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=30)

    def stop(self, name: str) -> None:
        """Ask the process called `name` to stop (SIGTERM), and wait for it."""
        process = self.processes.pop(name, None)
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

    def close(self) -> None:
        """Kill every process still running and stop the receiver."""
        for name in list(self.processes):
            self.kill(name)
        self.receiver.close()

    def run(self, *arguments: str, input: str | None = None) -> subprocess.CompletedProcess:
        """Run `elderride ARGUMENTS` to its end, as an operator would beside the server."""
        return subprocess.run(
            self.command(*arguments),
            env=self.environment(),
            capture_output=True,
            text=True,
            input=input,
            timeout=120,
        )

    def sqlite3(self, statement: str) -> subprocess.CompletedProcess:
        """Run `statement` with the sqlite3 shell, as an operator looking at the database would."""
        return subprocess.run(
            ["sqlite3", "-cmd", ".timeout 10000", str(self.database), statement],
            capture_output=True,
            text=True,
            timeout=60,
        )


def stored(database: Path, acknowledged: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """Return which acknowledged bookings a fresh read-only connection finds.

    A booking is named by (senior id, booking id) when the page gave its id, or ("call", call id)
    when the phone line booked it: an id alone could be another process's booking that took the
    same number after the first one was lost.
    """
    if not acknowledged:
        return set()
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
    try:
        found = {
            (str(senior), str(booking))
            for senior, booking in connection.execute("select senior_id, id from bookings")
        }
        found |= {
            ("call", str(call))
            for (call,) in connection.execute(
                "select call_sid from bookings where call_sid is not null"
            )
        }
    finally:
        connection.close()
    return found & set(acknowledged)


def integrity(database: Path) -> str:
    """Return integrity_check's verdict on `database`, read by a fresh connection."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
    try:
        return "; ".join(row[0] for row in connection.execute("pragma integrity_check"))
    finally:
        connection.close()


def duplicates(receiver: Receiver) -> dict[int, int]:
    """Return the bookings handed to dispatch as new under more than one delivery id."""
    return {booking: len(made) for booking, made in receiver.requested().items() if len(made) > 1}


def unique_name(prefix: str) -> str:
    """Return a name no earlier call gave, for accounts and files a run makes."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


class _Line:
    """Twilio's side of calls to the line: signed webhooks over one keep-alive connection."""

    def __init__(self, base_url: str):
        host, port = base_url.removeprefix("http://").split(":")
        self.connection = http.client.HTTPConnection(host, int(port), timeout=60)

    def post(self, url: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        parts = urllib.parse.urlsplit(url)
        self.connection.request(
            "POST",
            parts.path + (f"?{parts.query}" if parts.query else ""),
            body=urllib.parse.urlencode(params),
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = self.connection.getresponse()
        return response.status, response.read().decode()


def book_on_senior_page(
    base_url: str, rider: Rider, *, try_for: float = 0.0
) -> tuple[str, str] | None:
    """Book the rider's clinic with two taps on the senior page; return (senior id, booking id), or
    None when the page did not say it was booked.

    With `try_for` seconds the device sends the same form again after a failure, as a refresh
    does, until they are up: its idempotency key keeps it one booking.
    """
    from elderride.bench.web import SeniorClient

    deadline = time.monotonic() + try_for
    device, form = None, None
    while True:
        try:
            if device is None:
                device = SeniorClient(base_url, base_url + rider.device_path)
            else:
                # The same device, cookies and all: its form's token is its session's.
                device.connection = http.client.HTTPConnection(
                    device.connection.host, device.connection.port, timeout=30
                )
            form = form or device.confirm_form(rider.clinic_id)
            status, _, location = device.request("POST", "/senior/ride", form)
            if status == 303 and location and "/senior/rides/" in location:
                return str(rider.senior_id), location.rstrip("/").rsplit("/", 1)[1]
        except (OSError, RuntimeError, http.client.HTTPException):
            if not try_for:
                raise
        finally:
            if device is not None:
                device.connection.close()
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


def book_on_phone(base_url: str, rider: Rider, *, try_for: float = 0.0) -> tuple[str, str] | None:
    """Call the line as the rider and book the clinic by keys; return ("call", the call's id) once
    the line said it was booked, else None.

    With `try_for` seconds a call nothing answered (the server down) is dialled again, as a senior
    redials, until they are up; a call cut off once answered is not, since it may have booked.
    """
    from elderride.ivr.simulator import CallSimulator

    deadline = time.monotonic() + try_for
    while True:
        line = _Line(base_url)
        call = CallSimulator(
            line.post, base_url=base_url, auth_token=AUTH_TOKEN, caller=rider.phone, pause_seconds=0
        )
        try:
            try:
                call.start()
            except ConnectionRefusedError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.5)
                continue
            call.press("2")
            heard = call.press("1")
        finally:
            line.connection.close()
        return ("call", call.call_sid) if heard.hung_up and "booked" in heard.text else None
