"""Latency figures and a temporary server for the benchmarks."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

# How long a benchmark server may take to answer /livez after it was started.
START_SECONDS = 120


# Any: a value of `values` (seconds, as the benchmarks pass), or None for none.
def percentile(values: Iterable[float], fraction: float) -> Any:
    """Return the value below which `fraction` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(latencies: Sequence[float], elapsed: float) -> dict[str, Any]:
    """Return p50, p99 and mean in milliseconds and the rate per second."""
    return {
        "count": len(latencies),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "mean_ms": round(sum(latencies) / len(latencies) * 1000, 2),
        "per_second": round(len(latencies) / elapsed, 1),
    }


def median_summary(runs: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Return the median of each figure over several runs' summaries, with every run's p99
    beside."""
    import statistics

    merged = {
        key: round(statistics.median(run[key] for run in runs), 2)
        for key in ("p50_ms", "p99_ms", "mean_ms", "per_second")
    }
    merged["count"] = sum(run["count"] for run in runs)
    merged["runs_p99_ms"] = [run["p99_ms"] for run in runs]
    return merged


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def temporary_server(
    extra_env: Mapping[str, str] | None = None,
    threads: int = 8,
    *,
    demo: bool = True,
    history: str | os.PathLike[str] | None = None,
    at_once: int | None = None,
    one_process: bool = False,
) -> Iterator[tuple[str, str]]:
    """Run `elderride serve --demo` on a fresh instance folder and yield (base URL, instance path).

    With demo=False the server runs as deployed, on the database `extra_env` names; with
    `history` (a database file) it serves a copy of that database instead of an empty one; with
    `at_once` it runs that many pages and API requests at once instead of serve's default; with
    `one_process` pages run in the phone line's process (serve --one-process), to compare.
    """
    with tempfile.TemporaryDirectory(prefix="elderride-bench-") as instance:
        if history is not None:
            import shutil

            copy = os.path.join(instance, "elderride.db")
            shutil.copyfile(history, copy)
            # Written out before serving: a large copy still being flushed to disk makes the
            # server's first minute of commits wait on it, which no deployed server pays.
            with open(copy, "rb+") as written:
                os.fsync(written.fileno())
        port = free_port()
        env = {key: value for key, value in os.environ.items() if not key.startswith("ELDERRIDE_")}
        env.update(ELDERRIDE_INSTANCE_PATH=instance, **(extra_env or {}))
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "elderride",
                "serve",
                *(["--demo"] if demo else []),
                "--port",
                str(port),
                "--threads",
                str(threads),
                *(["--at-once", str(at_once)] if at_once else []),
                *(["--one-process"] if one_process else []),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            # A busy machine (a load of 9 on two cores) can take longer than 10 s to start it.
            deadline = time.monotonic() + START_SECONDS
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"the benchmark server exited with {server.returncode}")
                try:
                    with urllib.request.urlopen(f"{base}/livez", timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline:
                        raise RuntimeError("the benchmark server did not start") from None
                    time.sleep(0.05)
            yield base, instance
        finally:
            server.terminate()
            server.wait(timeout=10)


def run_together(count: int, work: Callable[[int], object]) -> float:
    """Start `work(index)` on `count` threads at the same moment; return the wall seconds until all
    finish."""
    import threading

    barrier = threading.Barrier(count + 1)

    def start(index: int) -> None:
        barrier.wait()
        work(index)

    threads = [threading.Thread(target=start, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def keep_cookies(response: http.client.HTTPResponse, cookies: dict[str, str]) -> None:
    """Remember the cookies `response` sets in `cookies` (name -> value), as a browser would for the
    next request."""
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name] = rest.split(";", 1)[0]
