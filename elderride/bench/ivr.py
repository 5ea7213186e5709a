"""`elderride bench ivr`: concurrent simulated calls through the key-press flow, beside a trivial
TwiML endpoint."""

import http.client
import threading
import time
import urllib.parse
from collections.abc import Callable, Sequence
from typing import Any, cast

from elderride.bench.measure import median_summary, run_together, summary
from elderride.ivr.simulator import CallSimulator, Heard


class _Transport:
    """One simulated caller's keep-alive connection, timing every webhook request."""

    def __init__(
        self, base_url: str, latencies: list[tuple[str, float]], lock: threading.Lock
    ) -> None:
        parts = urllib.parse.urlsplit(base_url)
        self.connection = http.client.HTTPConnection(
            cast(str, parts.hostname), parts.port, timeout=30
        )
        self.latencies, self.lock = latencies, lock

    def post(self, url: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        parts = urllib.parse.urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        body = urllib.parse.urlencode(params)
        started = time.perf_counter()
        self.connection.request(
            "POST",
            path,
            body=body,
            headers={**headers, "Content-Type": "application/x-www-form-urlencoded"},
        )
        response = self.connection.getresponse()
        text = response.read().decode()
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies.append((path.split("?")[0], elapsed))
        return response.status, text


def _run(
    base_url: str,
    auth_token: str,
    callers: Sequence[str],
    concurrency: int,
    calls_per_caller: int,
    think: float,
) -> tuple[list[tuple[str, float]], float, list[str]]:
    """Keep `concurrency` calls going at once; after each of a call's webhooks the same caller asks
    the
    trivial endpoint once, so the baseline is measured at the same moments and load as the
    webhooks."""
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        transport = _Transport(base_url, latencies, lock)
        for number in range(calls_per_caller):
            caller = callers[(index * calls_per_caller + number) % len(callers)]
            simulator = CallSimulator(
                transport.post,
                base_url=base_url,
                auth_token=auth_token,
                caller=caller,
                pause_seconds=0,
            )
            try:
                _book_by_keys(simulator, think)
            except Exception as error:  # noqa: BLE001 - counted and reported
                with lock:
                    errors.append(repr(error)[:200])

    return latencies, run_together(concurrency, work), errors


def _step(simulator: CallSimulator, think: float, action: Callable[[], Heard]) -> Heard:
    """One step of a call, then one baseline request on the same connection."""
    heard = action()
    status, _ = simulator.request("/voice/ping")
    if status != 200:
        raise RuntimeError(f"ping answered {status}")
    if think:
        time.sleep(think)  # a prompt playing
    return heard


def _book_by_keys(simulator: CallSimulator, think: float) -> None:
    heard = _step(simulator, think, simulator.start)
    if heard.gather is None:
        raise RuntimeError("no menu")
    _step(simulator, think, lambda: simulator.press("2"))
    heard = _step(simulator, think, lambda: simulator.press("1"))
    if not heard.hung_up or "booked" not in heard.text:
        raise RuntimeError("not booked")


def bench_ivr(
    base_url: str,
    auth_token: str,
    callers: Sequence[str],
    *,
    concurrency: int = 50,
    calls_per_caller: int = 4,
    think: float = 0.0,
    runs: int = 3,
) -> dict[str, Any]:
    """Keep `concurrency` calls in flight at once (no think time by default: 50 calls means 50
    requests at
    once), each booking by keys, a trivial TwiML request after every webhook; `runs` runs, medians
    reported."""
    webhook_runs, baseline_runs, errors, ratios = [], [], [], []
    per_path_runs: dict[str, list[dict[str, Any]]] = {}
    for run in range(runs):
        share = (
            callers[run * concurrency * calls_per_caller :][: concurrency * calls_per_caller]
            or callers
        )
        latencies, elapsed, run_errors = _run(
            base_url, auth_token, share, concurrency, calls_per_caller, think
        )
        errors += run_errors
        flow = [(path, latency) for path, latency in latencies if path != "/voice/ping"]
        webhook_runs.append(summary([latency for _, latency in flow], elapsed))
        baseline_runs.append(
            summary([latency for path, latency in latencies if path == "/voice/ping"], elapsed)
        )
        for path in sorted({path for path, _ in flow}):
            per_path_runs.setdefault(path, []).append(
                summary([latency for name, latency in flow if name == path], elapsed)
            )
        ratios.append(round(webhook_runs[-1]["p99_ms"] / baseline_runs[-1]["p99_ms"], 2))
    webhooks, baseline = median_summary(webhook_runs), median_summary(baseline_runs)
    return {
        "benchmark": "ivr",
        "concurrent_calls": concurrency,
        "seconds_between_steps": think,
        "runs": runs,
        "calls": concurrency * calls_per_caller * runs,
        "webhooks": webhooks,
        "per_webhook": {path: median_summary(values) for path, values in per_path_runs.items()},
        "trivial_twiml_endpoint": baseline,
        "errors": errors,
        "ratio_p50": round(webhooks["p50_ms"] / baseline["p50_ms"], 2),
        "ratio_p99": round(webhooks["p99_ms"] / baseline["p99_ms"], 2),
        "ratio_p99_each_run": ratios,
        "targets": {
            "p99_under_50_ms": webhooks["p99_ms"] < 50,
            "p99_within_3x_trivial": webhooks["p99_ms"] <= 3 * baseline["p99_ms"],
        },
    }
