"""Every request costs what it shows: the queries behind each staff page, the API, the health check
and the worker read index ranges, never the whole history of bookings, events, outbox or
messages."""

import re

import pytest
from twilio.request_validator import RequestValidator

from elderride.console import views as console_views
from elderride.services import bookings, demo, history
from elderride.services.delivery import Deliverer, run_once
from elderride.services.outgoing.messages import BuiltinNotifier
from elderride.store import connect
from elderride.web import database as web_database
from tests.conftest import sign_in
from tests.fake_twilio import AUTH_TOKEN

HISTORY = ("bookings", "booking_events", "outbox", "messages")
TOKEN = "plan-token"


def plan_problems(db, sql):
    """Return what is wrong with `sql`'s plan: a full scan of a history table, or a sort of one."""
    rows = db.execute(f"explain query plan {sql}").fetchall()
    details = [row[3] for row in rows]
    problems = []
    for detail in details:
        scan = re.match(r"SCAN (\w+)( USING (?:COVERING )?INDEX \w+)?", detail)
        if scan and scan.group(1) in HISTORY:
            # Walking an index in order is bounded only when a LIMIT stops it and nothing re-sorts
            # it.
            bounded = (
                scan.group(2)
                and re.search(r"\blimit\b", sql, re.I)
                and not any("TEMP B-TREE" in d for d in details)
            )
            if not bounded:
                problems.append(detail)
        if "TEMP B-TREE" in detail and any(re.search(rf"\b{table}\b", sql) for table in HISTORY):
            problems.append(detail)
    return problems


def test_the_plan_check_catches_a_full_scan_and_a_sort(db):
    """The check itself can fail: the queries of before, unindexed, are caught."""
    # Indexed now.
    assert plan_problems(db, "select * from outbox where booking_id = 1 and kind = 'x'") == []
    assert plan_problems(db, "select * from outbox where payload = 'x'") == ["SCAN outbox"]
    assert plan_problems(db, "select status, count(*) from outbox group by status")
    assert plan_problems(
        db,
        "select * from outbox order by case status when 'dead' then 0 else 1 end, id desc"
        " limit 200",
    )
    assert plan_problems(
        db,
        "select * from bookings where state in ('requested', 'forwarded') order by created_at desc "
        "limit 5",
    )


@pytest.fixture
def rides(app, demo_data, margaret, wang, book):
    """A few rides with events, deliveries and messages, some delivered, some dead."""
    db = demo_data
    made = []
    for number in range(6):
        # Shared by two seniors: one may have only three rides open at once.
        senior = (margaret, wang)[number % 2]
        booking = book(senior, {"address": f"{number} Main Street"})
        made.append(booking)
    bookings.transition(db, made[0]["id"], "needs_review", actor="test")
    bookings.transition(db, made[1]["id"], "cancelled", actor="test")
    deliverer = Deliverer(BuiltinNotifier())
    while run_once(db, deliverer, "plan-worker"):
        pass
    db.execute(
        "update outbox set status = 'dead', finished_at = created_at where id = (select max(id) "
        "from outbox)"
    )
    db.conn.commit()
    return made


@pytest.fixture
def traced(monkeypatch):
    """Every statement the app's connections run, as SQLite expanded it (values in place)."""
    statements = []
    web_database._local.__dict__.clear()  # a fresh, traced connection for this thread

    def traced_connect(path):
        db = connect(path)
        db.conn.set_trace_callback(statements.append)
        return db

    monkeypatch.setattr(web_database, "connect", traced_connect)
    yield statements
    kept = getattr(web_database._local, "db", None)
    if kept is not None:
        kept.close()
    web_database._local.__dict__.clear()


def test_no_page_api_call_health_check_or_worker_pass_scans_the_history(
    phone_app, rides, margaret, traced, monkeypatch, db
):
    app = phone_app
    app.config["DISPATCH_API_TOKEN"] = TOKEN
    monkeypatch.setattr(console_views, "QUEUE_PAGE", 2)  # so the queue has an older page to follow
    staff = sign_in(
        app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )
    family = sign_in(app.test_client(), "/family/signin", demo.FAMILY_EMAIL, demo.FAMILY_PASSWORD)
    api = app.test_client()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    del traced[:]

    queue = staff.get("/console/").get_data(as_text=True)
    older = re.search(r'href="(/console/\?before=\d+)"', queue)
    assert older, "the queue links to its older page"
    assert staff.get(older.group(1).replace("&amp;", "&")).status_code == 200
    assert staff.get("/console/queue-panel?state=requested").status_code == 200
    assert staff.get(f"/console/bookings/{rides[0]['id']}").status_code == 200
    outbox_page = staff.get("/console/outbox?done_before=999999&messages_before=999999")
    assert outbox_page.status_code == 200 and staff.get("/console/outbox").status_code == 200

    first = api.get("/api/v1/bookings?limit=2", headers=auth).get_json()
    assert len(first["bookings"]) == 2 and first["next"]
    assert api.get(first["next"], headers=auth).status_code == 200
    assert api.get("/api/v1/bookings?state=requested&limit=1", headers=auth).status_code == 200
    assert api.get(f"/api/v1/bookings/{rides[2]['id']}", headers=auth).status_code == 200

    assert family.get(f"/family/seniors/{margaret['id']}").status_code == 200
    assert (
        family.get(f"/family/seniors/{margaret['id']}/rides/{rides[4]['id']}/panel").status_code
        == 200
    )
    assert api.get("/healthz").status_code in (200, 503)
    senior = app.test_client()
    assert senior.get(f"/s/{margaret['device_token']}", follow_redirects=True).status_code == 200
    call = {
        "CallSid": "CA" + "7" * 32,
        "From": "+15550100001",
        "To": "+15550109999",
        "AccountSid": "AC" + "0" * 32,
    }
    signature = RequestValidator(AUTH_TOKEN).compute_signature(
        "http://localhost/voice/incoming", call
    )
    assert (
        api.post(
            "/voice/incoming", data=call, headers={"X-Twilio-Signature": signature}
        ).status_code
        == 200
    )

    worker = connect(app.config["DATABASE"])
    worker.conn.set_trace_callback(traced.append)
    # Work for the worker's claim.
    bookings.transition(worker, rides[2]["id"], "cancelled", actor="test")
    try:
        assert run_once(worker, Deliverer(BuiltinNotifier()), "plan-worker")
        history.prune(worker, keep_days=90)
    finally:
        worker.close()

    checked = [
        sql
        for sql in dict.fromkeys(traced)
        if re.match(r"\s*(select|update|delete|with)\b", sql, re.I)
    ]
    for table in HISTORY:
        assert any(re.search(rf"from [\[\"]?{table}\b", sql, re.I) for sql in checked), (
            f"no query of {table} was checked"
        )
    failures = {sql: problems for sql in checked if (problems := plan_problems(db, sql))}
    assert failures == {}
    # A senior's open ride (every call, every senior page) is found by senior and state, not by
    # walking their years.
    open_ride = [sql for sql in checked if re.search(r"senior_id = \d+ and state = ", sql)]
    assert open_ride, "the open-ride check was not run"
    for sql in open_ride:
        plan = " ".join(row[3] for row in db.execute(f"explain query plan {sql}"))
        assert "(senior_id=? AND state=?)" in plan, plan


def test_the_consoles_today_search_and_booking_pages_read_only_what_they_show(
    phone_app, rides, margaret, traced, db
):
    """The "today" counts read the day's rows by their time indexes; search finds seniors through
    their names' full-text index and numbers through theirs; nothing walks a whole table."""
    app = phone_app
    staff = sign_in(
        app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )
    # The worker has handed rides 2 to 5 to dispatch.
    bookings.transition(
        db,
        rides[2]["id"],
        "assigned",
        actor="test",
        details={
            "driver_name": "Sam Lee",
            "car_make": "Toyota",
            "car_colour": "Blue",
            "plate": "ABC 123",
            "eta_minutes": "5",
        },
    )
    del traced[:]
    for path in (
        "/console/today",
        "/console/?q=marg",
        "/console/?q=(555) 010-0001",
        "/console/?q=%2B15550100077",
        f"/console/?q=%23{rides[0]['id']}",
        f"/console/bookings/{rides[3]['id']}",
        f"/console/bookings/{rides[3]['id']}/confirm/no_car",
    ):
        assert staff.get(path).status_code == 200, path
    checked = [sql for sql in dict.fromkeys(traced) if re.match(r"\s*select\b", sql, re.I)]
    for needed in ("from calls", "seniors_fts", "from drivers", "booking_events", "welfare_checks"):
        assert any(needed in sql for sql in checked), f"no query of {needed} was checked"
    failures = {sql: problems for sql in checked if (problems := plan_problems(db, sql))}
    assert failures == {}
    walks = {}
    for sql in checked:
        plan = [row[3] for row in db.execute(f"explain query plan {sql}")]
        whole = [
            step
            for step in plan
            if re.match(
                r"SCAN (calls|utterances|seniors|senior_phones|booking_events|welfare_checks)\b",
                step,
            )
        ]
        if whole:
            walks[sql] = whole
    assert walks == {}
