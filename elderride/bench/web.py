"""`elderride bench web`: concurrent senior bookings beside a trivial endpoint of the same server."""

import http.client
import re
import threading
import time
import urllib.parse
import uuid

from elderride.bench.measure import run_together, summary

_HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


class SeniorClient:
    """One senior's device: a keep-alive connection carrying the device cookie and form token."""

    def __init__(self, base_url, device_link):
        parts = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.cookies = {}
        self.request("GET", urllib.parse.urlsplit(device_link).path)

    def request(self, method, path, form=None):
        body = urllib.parse.urlencode(form) if form is not None else None
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, response.getheader("Location")

    def confirm_form(self, place_id):
        """Fetch the confirm page (the first tap) and return its form."""
        status, page, _ = self.request("GET", f"/senior/ride?to={place_id}")
        if status != 200:
            raise RuntimeError(f"confirm page answered {status}")
        return dict(_HIDDEN.findall(page))


def _run(workers, per_worker, action):
    """Run `action(worker_index, iteration)` on `workers` threads and return (latencies, elapsed, errors)."""
    latencies, errors, lock = [], [], threading.Lock()

    def work(index):
        for iteration in range(per_worker):
            started = time.perf_counter()
            try:
                action(index, iteration)
            except Exception as error:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(repr(error))
                continue
            with lock:
                latencies.append(time.perf_counter() - started)

    return latencies, run_together(workers, work), errors


def bench_web(base_url, device_links, place_ids, *, concurrency=16, bookings_per_client=20):
    """Book rides from `concurrency` senior devices at once and time a trivial endpoint the same way."""
    clients = [SeniorClient(base_url, device_links[index % len(device_links)]) for index in range(concurrency)]
    places = [place_ids[index % len(place_ids)] for index in range(concurrency)]
    forms = [[client.confirm_form(places[index]) for _ in range(bookings_per_client)] for index, client in enumerate(clients)]
    for client_forms in forms:
        for form in client_forms:
            form["request_key"] = uuid.uuid4().hex  # every booking its own request

    def book(index, iteration):
        status, _, location = clients[index].request("POST", "/senior/ride", forms[index][iteration])
        if status != 303 or "/senior/rides/" not in (location or ""):
            raise RuntimeError(f"booking answered {status}")

    def trivial(index, iteration):
        status, _, _ = clients[index].request("GET", "/livez")
        if status != 200:
            raise RuntimeError(f"/livez answered {status}")

    # The baseline runs first and again last, so drift in the machine shows as a difference between them.
    baseline_before = _run(concurrency, bookings_per_client, trivial)
    booking = _run(concurrency, bookings_per_client, book)
    baseline_after = _run(concurrency, bookings_per_client, trivial)
    baseline_latencies = baseline_before[0] + baseline_after[0]
    baseline = summary(baseline_latencies, baseline_before[1] + baseline_after[1])
    booked = summary(booking[0], booking[1])
    return {
        "benchmark": "web",
        "concurrency": concurrency,
        "bookings": booked,
        "trivial_endpoint": baseline,
        "errors": booking[2] + baseline_before[2] + baseline_after[2],
        "ratio_p50": round(booked["p50_ms"] / baseline["p50_ms"], 2),
        "ratio_p99": round(booked["p99_ms"] / baseline["p99_ms"], 2),
        "ratio_throughput": round(booked["per_second"] / baseline["per_second"], 3),
    }
