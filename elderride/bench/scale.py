"""`elderride bench scale`: the same requests against a small and a large history, interleaved.

Two servers run at once, one on 1k bookings and one on the large history, each built with the
service's own write path (bench/history.py). Every client thread takes each endpoint in a random
order and asks both servers, also in a random order, so the sizes and `/livez` (the baseline) share
the same moments of the machine's load; several runs are made and the median of each figure
reported. A second part measures the phone line's `/voice/incoming` on the large server, quiet and
under staff load (queue tabs polling, dispatchers opening bookings, an API poller, outbox viewers),
the phases alternating.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import statistics
import threading
import time
import urllib.parse
import uuid
from typing import TYPE_CHECKING, Any

from twilio.request_validator import RequestValidator

from elderride.bench.measure import keep_cookies, percentile, run_together
from elderride.services import demo

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized
    from multiprocessing.synchronize import Event

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Session:
    """One keep-alive connection with its cookies, as a browser tab or an API client keeps."""

    def __init__(self, base_url: str, headers: dict | None = None):
        parts = urllib.parse.urlsplit(base_url)
        assert parts.hostname, f"no host in {base_url!r}"
        self.base_url = base_url
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.headers = headers or {}

    def request(
        self, method: str, path: str, form: dict | None = None, headers: dict | None = None
    ) -> tuple[int, str]:
        body = urllib.parse.urlencode(form) if form is not None else None
        sent = {**self.headers, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=sent)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):
            # a dropped keep-alive connection: open a new one and try once more
            self.connection.close()
            self.connection.request(method, path, body=body, headers=sent)
            response = self.connection.getresponse()
        text = response.read().decode()
        keep_cookies(response, self.cookies)
        return response.status, text

    def sign_in(self, path: str, email: str, password: str) -> None:
        status, page = self.request("GET", path)
        token = _CSRF.search(page)
        if status != 200 or token is None:
            raise RuntimeError(f"{path} answered {status}")
        status, _ = self.request(
            "POST", path, {"csrf_token": token.group(1), "email": email, "password": password}
        )
        if status != 303:
            raise RuntimeError(f"signing in at {path} answered {status}")


class Target:
    """One server and what a client needs to reach it: a signed-in dispatcher, the API token,
    Twilio's token."""

    def __init__(
        self,
        name: str,
        base_url: str,
        bookings: int,
        api_token: str,
        twilio_token: str,
        caller: str,
    ):
        self.name, self.base_url, self.bookings = name, base_url, bookings
        self.api_token, self.twilio_token, self.caller = api_token, twilio_token, caller
        self.staff_cookies: dict[str, str] = {}

    def sign_in(self) -> None:
        """Sign the dispatcher in once: every client's staff pages share that session, as a
        browser's tabs do, so no sign-in's password hashing lands among the measured requests."""
        staff = Session(self.base_url)
        staff.sign_in("/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD)
        self.staff_cookies = dict(staff.cookies)

    def client(self) -> dict:
        if not self.staff_cookies:
            self.sign_in()
        staff = Session(self.base_url)
        staff.cookies = dict(self.staff_cookies)
        return {
            "staff": staff,
            "api": Session(self.base_url, {"Authorization": f"Bearer {self.api_token}"}),
            "plain": Session(self.base_url),
            "phone": Session(self.base_url),
        }


def _expect(status: int, wanted: int, what: str) -> None:
    if status != wanted:
        raise RuntimeError(f"{what} answered {status}")


def _incoming(target: Target, sessions: dict) -> None:
    url = f"{target.base_url}/voice/incoming"
    params = {
        "CallSid": "CA" + uuid.uuid4().hex,
        "AccountSid": "AC" + "0" * 32,
        "From": target.caller,
        "To": "+15550109999",
    }
    signature = RequestValidator(target.twilio_token).compute_signature(url, params)
    status, _ = sessions["phone"].request(
        "POST", "/voice/incoming", params, {"X-Twilio-Signature": signature}
    )
    _expect(status, 200, "/voice/incoming")


def _some_booking(target: Target, rng: random.Random) -> int:
    return rng.randint(1, target.bookings)


# Each endpoint of the issue, and the baseline: what one request is.
ENDPOINTS = {
    "/livez": lambda target, sessions, rng: _expect(
        sessions["plain"].request("GET", "/livez")[0], 200, "/livez"
    ),
    "/console/ (queue)": lambda target, sessions, rng: _expect(
        sessions["staff"].request("GET", "/console/")[0], 200, "/console/"
    ),
    "/console/queue-panel": lambda target, sessions, rng: _expect(
        sessions["staff"].request("GET", "/console/queue-panel")[0], 200, "queue panel"
    ),
    "/console/bookings/<id>": lambda target, sessions, rng: _expect(
        sessions["staff"].request("GET", f"/console/bookings/{_some_booking(target, rng)}")[0],
        200,
        "booking page",
    ),
    "/console/outbox": lambda target, sessions, rng: _expect(
        sessions["staff"].request("GET", "/console/outbox")[0], 200, "/console/outbox"
    ),
    "GET /api/v1/bookings": lambda target, sessions, rng: _expect(
        sessions["api"].request("GET", "/api/v1/bookings")[0], 200, "API list"
    ),
    "GET /api/v1/bookings/<id>": lambda target, sessions, rng: _expect(
        sessions["api"].request("GET", f"/api/v1/bookings/{_some_booking(target, rng)}")[0],
        200,
        "API booking",
    ),
    "/healthz": lambda target, sessions, rng: _expect(
        sessions["plain"].request("GET", "/healthz")[0], 200, "/healthz"
    ),
    "POST /voice/incoming": lambda target, sessions, rng: _incoming(target, sessions),
}


def _interleaved_run(
    targets: list[Target], concurrency: int, rounds: int, seed: int
) -> tuple[dict, list[str]]:
    """Every client asks every endpoint of every target each round, in random orders; return
    latencies by (target, endpoint)."""
    latencies: dict[tuple[str, str], list[float]] = {
        (target.name, name): [] for target in targets for name in ENDPOINTS
    }
    errors: list[str] = []
    lock = threading.Lock()
    clients = [{target.name: target.client() for target in targets} for _ in range(concurrency)]

    def work(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        for _ in range(rounds):
            names = list(ENDPOINTS)
            rng.shuffle(names)
            for name in names:
                order = list(targets)
                rng.shuffle(order)
                for target in order:
                    started = time.perf_counter()
                    try:
                        ENDPOINTS[name](target, clients[index][target.name], rng)
                    except Exception as error:  # noqa: BLE001 - counted and reported
                        with lock:
                            errors.append(f"{target.name} {name}: {error!r}"[:200])
                        continue
                    elapsed = time.perf_counter() - started
                    with lock:
                        latencies[(target.name, name)].append(elapsed)

    run_together(concurrency, work)
    return latencies, errors


def _figures(values: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(values, 0.5) * 1000, 2),
        "p99_ms": round(percentile(values, 0.99) * 1000, 2),
        "count": len(values),
    }


def _median_of_runs(runs: list[dict]) -> dict:
    return {
        "p50_ms": round(statistics.median(run["p50_ms"] for run in runs), 2),
        "p99_ms": round(statistics.median(run["p99_ms"] for run in runs), 2),
        "runs_p99_ms": [run["p99_ms"] for run in runs],
        "requests": sum(run["count"] for run in runs),
    }


def compare_sizes(
    small: Target, large: Target, *, concurrency: int = 8, rounds: int = 10, runs: int = 3
) -> dict:
    """Measure every endpoint on both servers, interleaved, `runs` times; report medians and
    large/small ratios."""
    per_run: dict[tuple[str, str], list[dict]] = {}
    errors: list[str] = []
    for run in range(runs):
        latencies, run_errors = _interleaved_run([small, large], concurrency, rounds, seed=run + 1)
        errors += run_errors
        for key, values in latencies.items():
            if values:
                per_run.setdefault(key, []).append(_figures(values))
    endpoints = {}
    for name in ENDPOINTS:
        sizes: dict[str, Any] = {
            target.name: _median_of_runs(per_run[(target.name, name)])
            for target in (small, large)
            if (target.name, name) in per_run
        }
        if len(sizes) == 2:
            little, big = sizes[small.name], sizes[large.name]
            sizes["ratio_p50"] = round(big["p50_ms"] / little["p50_ms"], 2)
            sizes["ratio_p99"] = round(big["p99_ms"] / little["p99_ms"], 2)
            sizes["goal"] = {
                "p99_within_2x_of_small": sizes["ratio_p99"] <= 2,
                "p99_under_50_ms": big["p99_ms"] < 50,
            }
        endpoints[name] = sizes
    return {"endpoints": endpoints, "errors": errors[:20], "error_count": len(errors)}


# The staff: 3 queue tabs, 4 dispatchers, an API poller and 2 outbox viewers, each with
# the pause a person (or the console's own 4 s poll) leaves between requests when paced.
STAFF = [(["/console/queue-panel"], 4.0)] * 3 + [
    (["/console/bookings/<id>", "/console/ (queue)"], 2.0)
] * 4
STAFF += [(["GET /api/v1/bookings", "GET /api/v1/bookings/<id>"], 1.0)] + [
    (["/console/outbox"], 5.0)
] * 2


def _staff_process(
    target: Target,
    paced: bool,
    stop: Event,
    failures: Synchronized[int],
    served: Synchronized[int],
) -> None:
    """Run the staff in a process of their own, so their load is not measured as the callers' own
    wait."""

    def loop(names: list[str], pause: float, index: int) -> None:
        rng = random.Random(index)
        try:
            sessions = target.client()
        except Exception:  # noqa: BLE001 - a staff member who never started is a failure too
            with failures.get_lock():
                failures.value += 1
            return
        while not stop.is_set():
            for name in names:
                try:
                    ENDPOINTS[name](target, sessions, rng)
                except Exception:  # noqa: BLE001 - counted and reported
                    with failures.get_lock():
                        failures.value += 1
                else:
                    with served.get_lock():
                        served.value += 1
            if paced:
                stop.wait(pause * rng.uniform(0.5, 1.5))

    threads = [
        threading.Thread(target=loop, args=(names, pause, index))
        for index, (names, pause) in enumerate(STAFF)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _calls(target: Target, callers: int, seconds: float, errors: list[str]) -> list[float]:
    """Time /voice/incoming with `callers` calls at once for `seconds`; return the latencies."""
    latencies: list[float] = []
    lock = threading.Lock()

    def call(index: int) -> None:
        sessions = {"phone": Session(target.base_url)}
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                _incoming(target, sessions)
            except Exception as error:  # noqa: BLE001 - counted and reported
                errors.append(f"voice: {error!r}"[:200])
                continue
            with lock:
                latencies.append(time.perf_counter() - started)
            # A call's next webhook comes after a prompt; 4 callers keep ~4 in flight.
            time.sleep(0.05)

    run_together(callers, call)
    return latencies


# How long a staff process may take to start (spawn, import, sign in) and have its first request
# answered before the phase goes on without it; the figures then show it served none.
STAFF_START_SECONDS = 120.0


def _wait_for_first_staff_request(
    staff: Any, served: Synchronized[int], failures: Synchronized[int]
) -> None:
    """Wait until the staff process has had a request answered (or failed, or ended), so the
    calls are timed beside staff at work however slow the machine is to start a process."""
    failed_before = failures.value
    deadline = time.monotonic() + STAFF_START_SECONDS
    while time.monotonic() < deadline and staff.is_alive():
        if served.value > 0 or failures.value > failed_before:
            return
        time.sleep(0.05)


def phone_under_staff_load(
    targets: list[Target], *, callers: int = 4, seconds: float = 4.0, runs: int = 3
) -> dict[str, dict[str, Any]]:
    """Time /voice/incoming on each target with `callers` calls at once: quiet, beside paced staff
    and beside staff flat out, phases rotated and targets alternating within each phase; return
    each target's figures by its name."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    phase_names = ("quiet", "staff_paced", "staff_flat_out")
    phases: dict[str, dict[str, list[dict[str, Any]]]] = {
        target.name: {phase: [] for phase in phase_names} for target in targets
    }
    loads: dict[str, dict[str, list[float]]] = {
        target.name: {phase: [] for phase in phase_names} for target in targets
    }
    errors: dict[str, list[str]] = {target.name: [] for target in targets}
    staff_failures = context.Value("i", 0)
    # Staff requests answered in each run of a phase: staff that never got going would flatter it.
    staff_served: dict[str, dict[str, list[int]]] = {
        target.name: {"staff_paced": [], "staff_flat_out": []} for target in targets
    }
    for target in targets:
        target.sign_in()  # before the staff process starts, so it carries the session
    for run in range(runs):
        order = list(phase_names)
        order = order[run % len(order) :] + order[: run % len(order)]
        for phase in order:
            turn = run % len(targets)
            for target in targets[turn:] + targets[:turn]:
                stop = context.Event()
                served = context.Value("i", 0)
                staff = None
                if phase != "quiet":
                    staff = context.Process(
                        target=_staff_process,
                        args=(target, phase == "staff_paced", stop, staff_failures, served),
                    )
                    staff.start()
                    time.sleep(2.0)  # the staff process has started and its requests are under way
                    # ... and on a slow machine, a process may take longer than that to start.
                    _wait_for_first_staff_request(staff, served, staff_failures)
                latencies = _calls(target, callers, seconds, errors[target.name])
                # The machine's load beside each figure: a shared machine moves the figures too.
                loads[target.name][phase].append(os.getloadavg()[0])
                stop.set()
                if staff is not None:
                    staff.join(60)
                    staff_served[target.name][phase].append(served.value)
                phases[target.name][phase].append(_figures(latencies))
    results = {}
    for target in targets:
        figures = {
            phase: {
                **_median_of_runs(values),
                "load_1min": round(statistics.median(loads[target.name][phase]), 2),
            }
            for phase, values in phases[target.name].items()
        }
        quiet = figures["quiet"]["p99_ms"]
        results[target.name] = {
            "concurrent_calls": callers,
            **figures,
            "ratio_p99_paced": round(figures["staff_paced"]["p99_ms"] / quiet, 2),
            "ratio_p99_flat_out": round(figures["staff_flat_out"]["p99_ms"] / quiet, 2),
            "goal_met_paced": figures["staff_paced"]["p99_ms"] <= 2 * quiet,
            "goal_met_flat_out": figures["staff_flat_out"]["p99_ms"] <= 2 * quiet,
            "errors": errors[target.name][:20],
            "error_count": len(errors[target.name]),
            "staff_request_failures": staff_failures.value,
            "staff_requests_per_run": staff_served[target.name],
        }
    return results
