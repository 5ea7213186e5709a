"""`elderride bench memory`: speech workers forked from one loaded model beside workers that each
load their own, in one run."""

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from elderride.speech.audio_decoding import Audio
from elderride.speech.local import LocalVosk


def _proportional_mb(pid: int) -> float:
    """Memory `pid` holds, pages it shares counted in proportion (PSS), in MB."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no Pss line for process {pid}")


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _measure(model_path: str, workers: int, audio: Audio, *, share: bool) -> dict[str, Any]:
    started = time.monotonic()
    pool = LocalVosk(model_path, workers=workers, share_model=share)
    try:
        pool.wait_ready()
        ready = time.monotonic() - started
        with ThreadPoolExecutor(workers) as decoding:  # every worker decodes once
            list(decoding.map(lambda _: pool.transcribe(audio, timeout=120), range(workers)))
        pids = [pid for pid, _ in pool.workers() if pid is not None]
        # Forked workers share their parent's model: it is counted too (it is not this process).
        loaders = {_parent(pid) for pid in pids} - {os.getpid()}
        processes = {pid: round(_proportional_mb(pid)) for pid in [*pids, *loaders]}
        return {
            "ready_seconds": round(ready, 1),
            "workers_mb": [processes[pid] for pid in pids],
            "model_holder_mb": [processes[pid] for pid in loaders],
            "total_mb": sum(processes.values()),
        }
    finally:
        pool.close()


def bench_memory(model_path: str, *, workers: int, audio: Audio) -> dict[str, Any]:
    """Start `workers` spawned workers, then as many forked from one loaded model; report the
    memory each way holds (after one decode each) and the ratio."""
    spawned = _measure(model_path, workers, audio, share=False)
    shared = _measure(model_path, workers, audio, share=True)
    return {
        "benchmark": "memory",
        "workers": workers,
        "model": model_path,
        "spawned": spawned,
        "shared": shared,
        "shared_over_spawned_memory": round(shared["total_mb"] / spawned["total_mb"], 3),
    }
