"""`elderride bench web`: concurrent senior bookings beside a trivial endpoint of the same
server."""

import http.client
import random
import re
import threading
import time
import urllib.parse
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from elderride.bench.measure import keep_cookies, median_summary, run_together, summary

_HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')
# One measured action: action(worker_index, iteration), returning what tidies up after it, or None.
Action = Callable[[int, int], Callable[[], None] | None]


class SeniorClient:
    """One senior's device: a keep-alive connection carrying the device cookie and form token."""

    def __init__(self, base_url: str, device_link: str) -> None:
        parts = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(
            cast(str, parts.hostname), parts.port, timeout=30
        )
        self.cookies: dict[str, str] = {}
        self.request("GET", urllib.parse.urlsplit(device_link).path)

    def request(
        self, method: str, path: str, form: Mapping[str, str] | None = None
    ) -> tuple[int, str, str | None]:
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        keep_cookies(response, self.cookies)
        return response.status, text, response.getheader("Location")

    def confirm_form(self, place_id: int) -> dict[str, str]:
        """Fetch the confirm page (the first tap) and return its form."""
        status, page, _ = self.request("GET", f"/senior/ride?to={place_id}")
        if status != 200:
            raise RuntimeError(f"confirm page answered {status}")
        return dict(_HIDDEN.findall(page))


def _run(
    workers: int, per_worker: int, actions: Mapping[str, Action]
) -> tuple[dict[str, list[float]], float, list[str]]:
    """Run every action of `actions` (name -> action(worker_index, iteration)) once per iteration on
    `workers`
    threads, in a random order each time, so the measured requests and the baseline share the same
    moments.
    Return ({name: latencies}, elapsed, errors)."""
    latencies: dict[str, list[float]] = {name: [] for name in actions}
    errors: list[str] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        rng = random.Random(index)
        for iteration in range(per_worker):
            names = list(actions)
            rng.shuffle(names)
            for name in names:
                started = time.perf_counter()
                try:
                    tidy_up = actions[name](index, iteration)
                except Exception as error:  # noqa: BLE001 - counted and reported
                    with lock:
                        errors.append(repr(error))
                    continue
                with lock:
                    latencies[name].append(time.perf_counter() - started)
                if tidy_up is not None:
                    try:
                        tidy_up()  # after the clock stopped: not part of what is measured
                    except Exception as error:  # noqa: BLE001 - counted and reported
                        with lock:
                            errors.append(repr(error))

    return latencies, run_together(workers, work), errors


def bench_web(
    base_url: str,
    device_links: Sequence[str],
    place_ids: Sequence[int],
    *,
    concurrency: int = 16,
    bookings_per_client: int = 20,
    runs: int = 3,
) -> dict[str, Any]:
    """Book rides from `concurrency` senior devices at once, each booking beside a request to a
    trivial
    endpoint in a random order; `runs` runs, the median of each figure reported."""
    clients = [
        SeniorClient(base_url, device_links[index % len(device_links)])
        for index in range(concurrency)
    ]
    places = [place_ids[index % len(place_ids)] for index in range(concurrency)]
    booked_runs, baseline_runs, errors, ratios = [], [], [], []
    for _ in range(runs):
        forms = [
            [client.confirm_form(places[index]) for _ in range(bookings_per_client)]
            for index, client in enumerate(clients)
        ]
        for client_forms in forms:
            for form in client_forms:
                form["request_key"] = uuid.uuid4().hex  # every booking its own request

        def book(
            index: int, iteration: int, forms: list[list[dict[str, str]]] = forms
        ) -> Callable[[], None]:
            form = forms[index][iteration]
            status, _, location = clients[index].request("POST", "/senior/ride", form)
            if status != 303 or "/senior/rides/" not in (location or ""):
                raise RuntimeError(f"booking answered {status}")
            ride = urllib.parse.urlsplit(cast(str, location)).path

            def cancel() -> None:
                # A senior may have only a few rides open at once: each booking is cancelled again.
                status, _, _ = clients[index].request(
                    "POST", f"{ride}/cancel", {"csrf_token": form["csrf_token"]}
                )
                if status != 303:
                    raise RuntimeError(f"cancelling answered {status}")

            return cancel

        def trivial(index: int, iteration: int) -> None:
            status, _, _ = clients[index].request("GET", "/livez")
            if status != 200:
                raise RuntimeError(f"/livez answered {status}")
            return None

        latencies, elapsed, run_errors = _run(
            concurrency, bookings_per_client, {"book": book, "trivial": trivial}
        )
        errors += run_errors
        booked_runs.append(summary(latencies["book"], elapsed))
        baseline_runs.append(summary(latencies["trivial"], elapsed))
        ratios.append(round(booked_runs[-1]["p99_ms"] / baseline_runs[-1]["p99_ms"], 2))
    booked, baseline = median_summary(booked_runs), median_summary(baseline_runs)
    return {
        "benchmark": "web",
        "concurrency": concurrency,
        "runs": runs,
        "bookings": booked,
        "trivial_endpoint": baseline,
        "errors": errors,
        "ratio_p50": round(booked["p50_ms"] / baseline["p50_ms"], 2),
        "ratio_p99": round(booked["p99_ms"] / baseline["p99_ms"], 2),
        "ratio_p99_each_run": ratios,
    }
