"""`elderride bench ivr`: concurrent simulated calls through the key-press flow, beside a trivial TwiML endpoint."""

import http.client
import random
import threading
import time
import urllib.parse

from elderride.bench.measure import run_together, summary
from elderride.ivr.simulator import CallSimulator


class _Transport:
    """One simulated caller's keep-alive connection, timing every webhook request."""

    def __init__(self, base_url, latencies, lock):
        parts = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.latencies, self.lock = latencies, lock

    def post(self, url, params, headers):
        parts = urllib.parse.urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        body = urllib.parse.urlencode(params)
        started = time.perf_counter()
        self.connection.request("POST", path, body=body, headers={**headers, "Content-Type": "application/x-www-form-urlencoded"})
        response = self.connection.getresponse()
        text = response.read().decode()
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies.append((path.split("?")[0], elapsed))
        return response.status, text


def _run(base_url, auth_token, callers, concurrency, calls_per_caller, flow, think):
    latencies, errors, lock = [], [], threading.Lock()

    def work(index):
        transport = _Transport(base_url, latencies, lock)
        # Calls arrive spread over a moment, as real ones do, not all in the same millisecond.
        time.sleep(random.uniform(0, max(think, 0.05)))
        for number in range(calls_per_caller):
            caller = callers[(index * calls_per_caller + number) % len(callers)]
            simulator = CallSimulator(transport.post, base_url=base_url, auth_token=auth_token, caller=caller, pause_seconds=0)
            try:
                flow(simulator, think)
            except Exception as error:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(repr(error)[:200])

    return latencies, run_together(concurrency, work), errors


def _book_by_keys(simulator, think):
    heard = simulator.start()
    if heard.gather is None:
        raise RuntimeError("no menu")
    time.sleep(think)  # the menu is being spoken
    simulator.press("2")
    time.sleep(think)  # the ride is read back
    heard = simulator.press("1")
    if not heard.hung_up or "booked" not in heard.text:
        raise RuntimeError("not booked")


def _ping(simulator, think):
    for step in range(3):
        if step:
            time.sleep(think)
        status, _ = simulator.request("/voice/ping")
        if status != 200:
            raise RuntimeError(f"ping answered {status}")


def bench_ivr(base_url, auth_token, callers, *, concurrency=50, calls_per_caller=4, think=0.5):
    """Keep `concurrency` calls going at once, each booking by keys with `think` seconds between
    steps (a real caller takes several while a prompt plays), and time a trivial endpoint the same way."""
    baseline_before = _run(base_url, auth_token, callers, concurrency, calls_per_caller, _ping, think)
    flow = _run(base_url, auth_token, callers, concurrency, calls_per_caller, _book_by_keys, think)
    baseline_after = _run(base_url, auth_token, callers, concurrency, calls_per_caller, _ping, think)
    baseline = summary([latency for _, latency in baseline_before[0] + baseline_after[0]], baseline_before[1] + baseline_after[1])
    webhooks = summary([latency for _, latency in flow[0]], flow[1])
    per_webhook = {}
    for path in sorted({path for path, _ in flow[0]}):
        per_webhook[path] = summary([latency for name, latency in flow[0] if name == path], flow[1])
    return {
        "benchmark": "ivr",
        "concurrent_calls": concurrency,
        "seconds_between_steps": think,
        "calls": concurrency * calls_per_caller,
        "webhooks": webhooks,
        "per_webhook": per_webhook,
        "trivial_twiml_endpoint": baseline,
        "errors": flow[2] + baseline_before[2] + baseline_after[2],
        "ratio_p50": round(webhooks["p50_ms"] / baseline["p50_ms"], 2),
        "ratio_p99": round(webhooks["p99_ms"] / baseline["p99_ms"], 2),
        "targets": {"p99_under_50_ms": webhooks["p99_ms"] < 50, "p99_within_3x_trivial": webhooks["p99_ms"] <= 3 * baseline["p99_ms"]},
    }
