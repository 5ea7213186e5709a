"""`elderride bench scale` and the history it builds with the service's own write path."""

import json
import subprocess
import sys

from elderride.bench import history
from elderride.services import bookings
from elderride.store import connect


def test_a_built_history_is_what_the_service_leaves_behind(tmp_path):
    # And one old review left open.
    figures = history.build(tmp_path / "history.db", 300, open_rides=10)
    db = connect(tmp_path / "history.db")
    try:
        assert figures["bookings"] == db.table("bookings").count == 300
        # Every ride has its log and its notices; all delivered but what waits on the open rides.
        assert (
            db.execute(
                "select count(*) from bookings where not exists (select 1 from booking_events "
                "where booking_id = bookings.id)"
            ).fetchone()[0]
            == 0
        )
        assert db.execute("select count(*) from outbox where status != 'done'").fetchone()[0] == 0
        assert db.table("messages").count > 300 and db.table("outbox").count > 10 * 300 * 0.9
        open_states = {
            row[0]
            for row in db.execute(
                "select distinct state from bookings where state not in ('completed', 'cancelled')"
            )
        }
        assert open_states == {"needs_review", "forwarded"}
        assert (
            db.execute(
                "select count(*) from bookings where state in ('completed', 'cancelled')"
            ).fetchone()[0]
            == 289
        )
        # The second ride ever, still waiting.
        assert db.table("bookings").get(2)["state"] == "needs_review"
        first, last = db.execute("select min(created_at), max(created_at) from bookings").fetchone()
        assert first[:4] < last[:4]  # years of rides, not one afternoon
    finally:
        db.close()


def test_a_history_with_many_open_rides_keeps_each_senior_within_the_cap(tmp_path):
    # Every senior may have only a few rides open; the newest rides of a long history stay open,
    # so they must be spread over the riders rather than drawn at random.
    figures = history.build(
        tmp_path / "history.db", 2 * history.SENIORS, open_rides=history.SENIORS
    )
    db = connect(tmp_path / "history.db")
    try:
        assert figures["bookings"] == 2 * history.SENIORS
        most = db.execute(
            "select max(n) from (select count(*) as n from bookings "
            "where state not in ('completed', 'cancelled') group by senior_id)"
        ).fetchone()[0]
        assert most <= bookings.MAX_OPEN_RIDES
    finally:
        db.close()


def test_bench_scale_times_every_endpoint_on_both_sizes(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "elderride",
            "bench",
            "scale",
            "--small",
            "100",
            "--large",
            "1000",
            "--rounds",
            "1",
            "--runs",
            "1",
            "--concurrency",
            "2",
            "--phone-seconds",
            "0.3",
            "--data",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["error_count"] == 0 and report["phone_line_on_large"]["error_count"] == 0
    assert {
        "/livez",
        "/console/ (queue)",
        "/console/bookings/<id>",
        "/console/outbox",
        "GET /api/v1/bookings",
        "/healthz",
        "POST /voice/incoming",
    } <= set(report["endpoints"])
    for figures in report["endpoints"].values():
        # Interleaved: one each per client and round.
        assert figures["1000"]["requests"] == figures["100"]["requests"] == 2
        assert figures["ratio_p99"] == round(
            figures["1000"]["p99_ms"] / figures["100"]["p99_ms"], 2
        )
    phone = report["phone_line_on_large"]
    assert {"quiet", "staff_paced", "staff_flat_out"} <= set(phone) and phone["quiet"][
        "requests"
    ] > 0
    # The staff really worked beside the calls, every one of them signed in.
    assert phone["staff_request_failures"] == 0
    flat_out = phone["staff_requests_per_run"]["staff_flat_out"]
    assert len(flat_out) == 1 and flat_out[0] > 0
    assert (tmp_path / "history-1000.db").exists()  # kept for the next run
