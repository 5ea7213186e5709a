"""`elderride bench soak`: seniors book on the page and the phone while the server and the worker
are killed with kill -9 and started again, backups run every few seconds and the disk fills for a
moment; then it counts what was kept. The run keeps its own time, so on a slow machine it stretches
and the faults still fall among the bookings; its clock stops while the killed server starts again,
so a slow restart does not leave the server down for the rest of the run.

A booking counts as acknowledged when the senior was told so (the page showed the ride, the line
said "booked"). Every acknowledged booking must be on disk after the last kill -9, handed to
dispatch under one delivery id, and no senior may have been booked twice.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import itertools
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from elderride.bench.deployment import (
    Deployment,
    Rider,
    book_on_phone,
    book_on_senior_page,
    duplicates,
    integrity,
    stored,
)

# How long the disk stays full each time, and how long a senior's device keeps trying to book.
FULL_SECONDS = 2.0
TRY_SECONDS = 120.0
CHANNELS = ("page", "phone")


@dataclass(frozen=True)
class Faults:
    """What goes wrong during the run, and how often (0 for never), in seconds of the run."""

    kill_every: float = 10.0
    backup_every: float = 2.0
    fill_every: float = 0.0


@contextlib.contextmanager
def small_disk(folder: Path, megabytes: int = 48) -> Iterator[Path | None]:
    """Mount a filesystem of `megabytes` at `folder`/disk to fill for real; yield None where
    mounting is not allowed (it needs root)."""
    mount_point = folder / "disk"
    mount_point.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(mount_point)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        yield None
        return
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False, capture_output=True)


def fill(disk: Path, seconds: float) -> None:
    """Fill `disk` until it refuses, keep it full for `seconds`, then free it."""
    filler = disk / "filler"
    try:
        with contextlib.suppress(OSError), open(filler, "wb") as file:
            while True:
                file.write(b"\0" * 65536)
                file.flush()
        time.sleep(seconds)
    finally:
        filler.unlink(missing_ok=True)


class RunClock:
    """Seconds of the run: the time the killed server spends starting again is not counted, so a
    slow restart moves every later kill and booking along instead of squeezing them together."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.began = time.monotonic()
        self.stopped_for = 0.0
        self.stopped_at: float | None = None

    def now(self) -> float:
        """Return the seconds of the run so far."""
        with self.lock:
            until = time.monotonic() if self.stopped_at is None else self.stopped_at
            return until - self.began - self.stopped_for

    def stop(self) -> None:
        """Stop counting, as the server goes down."""
        with self.lock:
            if self.stopped_at is None:
                self.stopped_at = time.monotonic()

    def go(self) -> None:
        """Count again, as the server serves."""
        with self.lock:
            if self.stopped_at is not None:
                self.stopped_for += time.monotonic() - self.stopped_at
                self.stopped_at = None

    def wait_for(self, second: float, done: threading.Event) -> bool:
        """Wait until `second` of the run; return whether `done` was set first."""
        while (left := second - self.now()) > 0:
            # While stopped, `left` does not shrink: look again in a moment.
            if done.wait(min(left, 0.1)):
                return True
        return done.is_set()


class Run:
    """One soak: the deployment, the seniors still to book, and what happened."""

    def __init__(
        self,
        deployment: Deployment,
        riders: list[Rider],
        faults: Faults,
        disk: Path | None,
        seconds: float,
        *,
        spare: list[Rider] | None = None,
        acknowledged_at_least: int = 0,
    ) -> None:
        self.deployment, self.faults, self.disk = deployment, faults, disk
        self.riders = iter(riders)
        # Bookings are spread over the run, so the faults fall among them.
        self.gap = seconds * len(CHANNELS) / len(riders)
        # Seniors who book after the planned ones, on the same beat, while fewer than
        # `acknowledged_at_least` bookings were acknowledged: a slow machine's server is down for
        # more of the run, so fewer of its bookings are told "booked", and the check that none of
        # them was lost needs enough of them to mean something.
        self.spare = iter(spare or ())
        self.acknowledged_at_least = acknowledged_at_least
        self.lock = threading.Lock()
        # The run keeps its own time: a booking due at second t waits until every fault due by t
        # has begun, so a slow machine stretches the run instead of thinning the faults out.
        self.beats = {
            name: every
            for name, every in vars(faults).items()
            if every and (name != "fill_every" or disk is not None)
        }
        self.begun: Counter[str] = Counter()
        self.moved = threading.Condition(self.lock)
        self.acknowledged: list[tuple[str, str]] = []
        self.events: Counter[str] = Counter()
        self.done = threading.Event()
        self.last_backup: Path | None = None
        self.clock = RunClock()
        # Backups and a full disk keep the wall's time: a nightly backup waits on nothing.
        self.wall = RunClock()
        # Bookings wait on the run's clock, never on `done`.
        self.never = threading.Event()

    def _next_rider(self) -> Rider | None:
        with self.lock:
            rider = next(self.riders, None)
            if rider is None and len(self.acknowledged) < self.acknowledged_at_least:
                rider = next(self.spare, None)
            return rider

    def book(self, channel: str) -> None:
        """Book one senior after another on `channel` until every senior has been tried."""
        for number in itertools.count():
            due = number * self.gap
            self.clock.wait_for(due, self.never)
            with self.moved:
                self.moved.wait_for(functools.partial(self._faults_begun_by, due))
            rider = self._next_rider()
            if rider is None:
                return
            base = self.deployment.base_url
            booking = None
            if channel == "page":
                booking = book_on_senior_page(base, rider, try_for=TRY_SECONDS)
            else:
                try:
                    booking = book_on_phone(base, rider, try_for=TRY_SECONDS)
                except (OSError, AssertionError, http.client.HTTPException):
                    pass  # the call was cut off: the senior was told nothing
            with self.lock:
                self.events[f"{channel}_tried"] += 1
                if booking is None:
                    self.events[f"{channel}_not_acknowledged"] += 1
                else:
                    self.acknowledged.append(booking)

    def _faults_begun_by(self, second: float) -> bool:
        """Whether every fault due by `second` of the run has begun (called holding the lock)."""
        return all(self.begun[name] >= int(second // every) for name, every in self.beats.items())

    def trouble(self) -> None:
        """Run backups, kill -9 the server or the worker and fill the disk, each on its own beat
        until the bookings are done: a server slow to start again holds up no backup, as a
        nightly backup waits on nothing."""
        victims = itertools.cycle(["serve", "worker"])
        slots = itertools.count()
        faults: dict[str, Callable[[], None]] = {
            "backup_every": lambda: self._backup(next(slots) % 3),
            "kill_every": lambda: self._kill_and_restart(next(victims)),
            "fill_every": self._fill,
        }
        beats = [
            threading.Thread(target=self._beat, args=(name, every, faults[name]))
            for name, every in self.beats.items()
        ]
        for beat in beats:
            beat.start()
        for beat in beats:
            beat.join()

    def _beat(self, name: str, every: float, fault: Callable[[], None]) -> None:
        """Bring about `fault` every `every` seconds until the bookings are done, each time once
        the last has ended: kills on the run's clock, backups and a full disk on the wall's."""
        for number in itertools.count(1):
            clock = self.clock if name == "kill_every" else self.wall
            if clock.wait_for(number * every, self.done):
                return
            with self.moved:
                self.begun[name] = number
                self.moved.notify_all()
            try:
                fault()
            except Exception as error:  # noqa: BLE001 - counted, and the run goes on
                self._count(f"{name}_went_wrong: {type(error).__name__}")

    def _count(self, event: str) -> None:
        with self.lock:
            self.events[event] += 1

    def _fill(self) -> None:
        assert self.disk is not None
        fill(self.disk, FULL_SECONDS)
        self._count("disk_filled")

    def _backup(self, slot: int) -> None:
        destination = self.deployment.folder / "backups" / f"slot-{slot}.db"
        result = self.deployment.run("backup", str(destination))
        self._count("backups_made" if result.returncode == 0 else "backups_failed")
        if result.returncode == 0:
            self.last_backup = destination

    def _kill_and_restart(self, name: str) -> None:
        # The run's clock stops while the server is down: on a busy machine it took 14-26 s to
        # serve again, and kills and bookings due meanwhile came all at once as soon as it did.
        if name == "serve":
            self.clock.stop()
        try:
            self.deployment.kill(name)
            self._count(f"{name}_killed")
            self._start_again(name)
        finally:
            self.clock.go()

    def _start_again(self, name: str) -> None:
        """Start `name` again until it runs, as a supervisor does (the disk may be full for a
        moment); once the bookings are done, counting starts whatever is not running."""
        for _ in range(5):
            try:
                if name == "serve":
                    self.deployment.start_server()
                else:
                    self.deployment.start("worker", "worker")
                return
            except RuntimeError:
                self._count(f"{name}_failed_to_start")
                time.sleep(1.0)


def _bookings_by_rider(database: Path) -> tuple[Counter[int], dict[str, int]]:
    """Return how many bookings each senior has, and each phone booking's id by its call."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
    try:
        per_rider = Counter(
            senior for (senior,) in connection.execute("select senior_id from bookings")
        )
        by_call = dict(
            connection.execute("select call_sid, id from bookings where call_sid is not null")
        )
    finally:
        connection.close()
    return per_rider, by_call


def soak(
    folder: Path,
    *,
    bookings: int = 200,
    seconds: float = 120.0,
    faults: Faults = Faults(),
    acknowledged_at_least: int = 0,
) -> dict[str, Any]:
    """Run the soak in `folder` (which must be empty), `bookings` spread over about `seconds`, and
    more (up to as many again) while fewer than `acknowledged_at_least` were acknowledged; return
    its figures."""
    started = time.monotonic()
    with small_disk(folder) if faults.fill_every else contextlib.nullcontext() as disk:
        deployment = Deployment(Path(disk or folder))
        try:
            spare = bookings if acknowledged_at_least else 0
            riders = deployment.create(bookings + spare)
            deployment.start_server()
            deployment.start("worker", "worker")
            run = Run(
                deployment,
                riders[:bookings],
                faults,
                disk,
                seconds,
                spare=riders[bookings:],
                acknowledged_at_least=acknowledged_at_least,
            )
            workers = [threading.Thread(target=run.book, args=(name,)) for name in CHANNELS]
            trouble = threading.Thread(target=run.trouble)
            for thread in (*workers, trouble):
                thread.start()
            for thread in workers:
                thread.join()
            run.done.set()
            trouble.join()
            figures = _settle_and_count(deployment, run)
        finally:
            deployment.close()
    figures["seconds"] = round(time.monotonic() - started, 1)
    figures["faults"] = {**vars(faults), "small_disk_mounted": disk is not None}
    return figures


def _settle_and_count(deployment: Deployment, run: Run) -> dict[str, Any]:
    """Let the worker hand every stored booking over, kill -9 everything, and count."""
    for name, arguments in (("serve", None), ("worker", ("worker",))):
        if name not in deployment.processes or deployment.processes[name].poll() is not None:
            deployment.processes.pop(name, None)
            if arguments is None:
                deployment.start_server()
            else:
                deployment.start(name, *arguments)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        per_rider, _ = _bookings_by_rider(deployment.database)
        if len(deployment.receiver.requested()) >= sum(per_rider.values()):
            break
        time.sleep(0.5)
    deployment.kill("serve")
    deployment.kill("worker")
    per_rider, by_call = _bookings_by_rider(deployment.database)
    kept = stored(deployment.database, run.acknowledged)
    forwarded = deployment.receiver.requested()
    ids = [by_call[value] if kind == "call" else int(value) for kind, value in kept]
    with deployment.receiver.lock:
        deliveries = list(deployment.receiver.deliveries)
    tries = Counter(delivery for delivery, _, state in deliveries if state == "requested")
    return {
        "acknowledged": len(run.acknowledged),
        "stored": len(kept),
        "lost": len(run.acknowledged) - len(kept),
        "forwarded_once": sum(1 for booking in ids if len(forwarded.get(booking, ())) == 1),
        "not_forwarded": sum(1 for booking in ids if booking not in forwarded),
        "duplicates": {
            "seniors_booked_twice": sum(1 for count in per_rider.values() if count > 1),
            "bookings_handed_over_under_two_ids": len(duplicates(deployment.receiver)),
        },
        # At least once: a worker killed after dispatch answered sends that delivery again, under
        # the same id, which a receiver drops (Standard Webhooks' webhook-id).
        "redelivered_same_id": sum(count - 1 for count in tries.values()),
        "integrity": integrity(deployment.database),
        "last_backup_integrity": None if run.last_backup is None else integrity(run.last_backup),
        "events": dict(sorted(run.events.items())),
        # How many of each fault had begun by the end of the bookings.
        "faults_begun": dict(sorted(run.begun.items())),
    }
