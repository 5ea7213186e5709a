"""Measure what the scheduler costs a worker, and print one JSON object.

    .venv/bin/python -m tests.measure_schedule [SENIORS]

SENIORS seniors (default 1000), each with a Monday/Wednesday/Friday ride and a trip back when
they call, on a temporary database: the pass that books a day's rides and queues their
reminders, and a pass with nothing due (what every worker does every ELDERRIDE_SCHEDULE_SECONDS).
"""

import datetime
import json
import statistics
import sys
import tempfile
import time
import zoneinfo
from pathlib import Path


def main(seniors=1000):
    from elderride.services import clock
    from elderride.services.people import places
    from elderride.services.people.seniors import create_senior
    from elderride.services.scheduled import recurring, schedule
    from elderride.store import connect, migrate

    folder = Path(tempfile.mkdtemp(prefix="elderride-schedule-"))
    db = connect(folder / "elderride.db")
    migrate(db)
    zones = ("America/New_York", "Asia/Shanghai")
    clock.set_now(datetime.datetime(2026, 10, 23, 12, 0, tzinfo=datetime.UTC))
    for number in range(seniors):
        senior_id = create_senior(
            db,
            name=f"Senior {number}",
            language="en",
            timezone=zones[number % 2],
            numbers=[(f"+1555{number:07d}", "landline")],
        )
        home = places.add_place(db, senior_id, label="Home", address=f"{number} Elm Street")
        clinic = places.add_place(db, senior_id, label="Clinic", address="400 River Road")
        recurring.add_rule(
            db,
            senior_id,
            {
                "weekdays": ["0", "2", "4"],
                "at_time": "08:30",
                "pickup": home,
                "destination": clinic,
                "return_kind": "call",
                "start_date": "2026-10-26",
            },
            created_by="measure",
        )
    results = {"seniors": seniors}
    # Sunday 18:05 in New York (Monday morning in Shanghai has passed its lead long before).
    sunday = datetime.datetime(2026, 10, 25, 18, 5, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    clock.set_now(sunday)
    started = time.perf_counter()
    done = schedule.run_due(db)
    results["busy_pass_seconds"] = round(time.perf_counter() - started, 3)
    results["busy_pass_did"] = done
    idle = []
    for minutes in range(1, 6):
        clock.set_now(sunday + datetime.timedelta(minutes=minutes))
        started = time.perf_counter()
        again = schedule.run_due(db)
        idle.append(time.perf_counter() - started)
        assert not any(again.values()), again
    results["idle_pass_seconds_median"] = round(statistics.median(idle), 3)
    results["bookings"] = db.table("bookings").count
    results["outbox_entries"] = db.table("outbox").count
    clock.set_now(None)
    db.close()
    print(json.dumps(results))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
